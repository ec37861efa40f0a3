namespace IpfsKit.Node.Internal;

/// <summary>
/// Opens the transport in the background at start; ready once it is open. If it cannot open (the storage folder is
/// unusable, …) the node would never become ready, so it stops the host instead and keeps the error for the exit
/// message (exit code 1).
/// </summary>
internal sealed partial class Readiness(IIpfsKit ipfs, IHostApplicationLifetime lifetime, ILogger<Readiness> logger) : BackgroundService
{
    private volatile bool _ready;
    private volatile string? _error;

    public bool IsReady => _ready;

    /// <summary>Gets why the transport failed to open, or <see langword="null"/>.</summary>
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
            lifetime.StopApplication();
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Transport {Transport} open; node ready")]
    private static partial void LogReady(ILogger logger, string transport);

    [LoggerMessage(2, LogLevel.Error, "Transport failed to open; stopping the node")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
