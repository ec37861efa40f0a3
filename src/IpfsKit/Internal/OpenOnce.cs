namespace IpfsKit.Internal;

/// <summary>
/// Opens a resource on first use and keeps it once opened; a failed or cancelled open is not kept: the next call opens
/// again (a <c>Lazy&lt;Task&gt;</c> would cache the failure for the process's life, so a storage folder fixed after a
/// failure would never be used). Callers waiting on the same attempt share it and its outcome.
/// </summary>
/// <typeparam name="T">What is opened.</typeparam>
/// <remarks>Thread-safe. The open runs without the callers' tokens: a caller that stops waiting does not cancel it for the others.</remarks>
internal sealed class OpenOnce<T>(Func<Task<T>> open)
    where T : class
{
    private readonly Lock _lock = new();
    private Task<T>? _attempt;

    /// <summary>Returns the opened value, opening it now when it is not open (or the last attempt failed).</summary>
    /// <param name="cancellationToken">Stops waiting; the open itself goes on for other callers.</param>
    /// <returns>The opened value.</returns>
    public Task<T> GetAsync(CancellationToken cancellationToken)
    {
        Task<T> attempt;
        lock (_lock)
        {
            if (_attempt is null || _attempt.IsFaulted || _attempt.IsCanceled)
            {
                _attempt = Task.Run(open, CancellationToken.None);
            }

            attempt = _attempt;
        }

        return attempt.IsCompletedSuccessfully ? attempt : attempt.WaitAsync(cancellationToken);
    }

    /// <summary>Gets the value if an open has succeeded (for disposal: nothing is opened here).</summary>
    /// <param name="value">The opened value.</param>
    /// <returns><see langword="true"/> when it is open.</returns>
    public bool TryGetOpened([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? value)
    {
        lock (_lock)
        {
            value = _attempt is { IsCompletedSuccessfully: true } opened ? opened.Result : null;
        }

        return value is not null;
    }
}
