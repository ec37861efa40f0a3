namespace IpfsKit.Node.Internal;

/// <summary>Opens the transport in the background at start; ready once it is open.</summary>
internal sealed partial class Readiness(IIpfsKit ipfs, ILogger<Readiness> logger) : BackgroundService
{
    private volatile bool _ready;
    private volatile string? _error;

    public bool IsReady => _ready;

    public string? Error => _error;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var transport = await ipfs.GetTransportAsync(stoppingToken).ConfigureAwait(false);
            _ready = true;
            LogReady(logger, transport.GetType().Name);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _error = e.Message;
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Transport {Transport} open; node ready")]
    private static partial void LogReady(ILogger logger, string transport);

    [LoggerMessage(2, LogLevel.Error, "Transport failed to open")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
