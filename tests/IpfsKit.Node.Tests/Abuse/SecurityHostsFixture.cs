namespace IpfsKit.Node.Tests.Abuse;

/// <summary>
/// The two hosts <see cref="SecurityAbuseTests"/> attacks: one without a token (loopback, an allowed origin and a
/// configured host name) and one with a token.
/// </summary>
public sealed class SecurityHostsFixture : IAsyncLifetime
{
    public const string Token = "abuse-token-0123456789abcdef";
    public const string AllowedOrigin = "http://app.example";
    public const string Hostname = "ipfs.internal";

    internal HostProcess Open { get; private set; } = null!;

    internal HostProcess Guarded { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var open = HostProcess.StartReadyAsync(extra: new Dictionary<string, string>
        {
            ["IPFS_KIT_API_ALLOWED_ORIGINS"] = AllowedOrigin,
            ["IPFS_KIT_API_HOSTNAMES"] = Hostname,
        });
        var guarded = HostProcess.StartReadyAsync(Token);
        try
        {
            await Task.WhenAll(open, guarded);
        }
        catch
        {
            foreach (var started in new[] { open, guarded }.Where(static t => t.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }

            throw;
        }

        Open = open.Result;
        Guarded = guarded.Result;
    }

    public async Task DisposeAsync()
    {
        await Open.DisposeAsync();
        await Guarded.DisposeAsync();
    }
}
