namespace IpfsKit.Node.Tests.Gateway;

/// <summary>One master host with <see cref="GatewaySite"/> imported, shared by the gateway tests that only read.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    internal HostProcess Host { get; private set; } = null!;

    internal GatewaySite Site { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Site = await GatewaySite.BuildAsync();
        Host = await HostProcess.StartReadyAsync();
        await Site.ImportAsync(Host);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
