namespace IpfsKit.IpfsCluster;

/// <summary>How <see cref="IpfsClusterClient"/> authenticates: HTTP Basic (<see cref="Username"/> and <see cref="Password"/>) or a bearer token (from <c>POST /token</c>).</summary>
public sealed record IpfsClusterClientOptions
{
    /// <summary>Gets the Basic auth user name (the REST API's <c>basic_auth_credentials</c>).</summary>
    /// <value>The default value is <see langword="null"/>: no Basic auth.</value>
    public string? Username { get; init; }

    /// <summary>Gets the Basic auth password.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Password { get; init; }

    /// <summary>Gets the bearer token (a JWT issued by the cluster's <c>POST /token</c>).</summary>
    /// <value>The default value is <see langword="null"/>: no bearer token.</value>
    public string? BearerToken { get; init; }

    /// <summary>Checks that at most one kind of authentication is set.</summary>
    /// <exception cref="ArgumentException">Both a user name and a bearer token are set, or a password without a user name.</exception>
    public void Validate()
    {
        if (Username is not null && BearerToken is not null)
        {
            throw new ArgumentException("Set either Username/Password (Basic) or BearerToken, not both.");
        }

        if (Password is not null && Username is null)
        {
            throw new ArgumentException("Password is set without Username.");
        }
    }
}
