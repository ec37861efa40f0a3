namespace IpfsKit.Node.Tests;

/// <summary>One host process with a bearer token, shared by the tests of <see cref="HostEndpointTests"/>.</summary>
public sealed class HostFixture : IAsyncLifetime
{
    public const string Token = "test-token-0123456789";

    internal HostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await HostProcess.StartReadyAsync(Token);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>One host process without a token, as a Kubo client that sends none expects on loopback (IPFS Cluster's connector).</summary>
public sealed class OpenHostFixture : IAsyncLifetime
{
    internal HostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await HostProcess.StartReadyAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
