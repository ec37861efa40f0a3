using IpfsKit.Errors;
using IpfsKit.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IpfsKit.DependencyInjection.Internal;

/// <summary>
/// Checks a registration's storage folder when the host starts, before any hosted service runs: a
/// <see cref="StorageOptions.Path"/> that is a file, cannot be created or is not writable fails the start with an
/// <see cref="IpfsKitStorageException"/> naming it, instead of failing the first call. Opening the store itself (which
/// scans the folder) stays lazy, and a failed open is retried on the next call.
/// </summary>
internal sealed class StorageStartupCheck(IOptionsMonitor<IpfsKitOptions> options, string optionsName) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        if (options.Get(optionsName).Storage.Path is { } path)
        {
            DiskBlockTier.CheckFolder(path);
        }

        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
