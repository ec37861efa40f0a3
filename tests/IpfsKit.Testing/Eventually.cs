using System.Diagnostics;

namespace IpfsKit.Testing;

/// <summary>
/// The one way tests wait for something that happens on its own time (a background pass, a child process, a replayed
/// outbox): poll a condition until it holds, failing with what was awaited after a time limit. Never a fixed sleep.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Polls <paramref name="condition"/> every <paramref name="interval"/> (50 ms unless given) until it holds; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout, string what, TimeSpan? interval = null) =>
        ValueAsync(() => Task.FromResult(condition()), static done => done, timeout, what, interval: interval);

    /// <summary>Polls an asynchronous <paramref name="condition"/> until it holds; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public static Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, TimeSpan? interval = null) =>
        ValueAsync(condition, static done => done, timeout, what, interval: interval);

    /// <summary>
    /// Polls <paramref name="probe"/> until its value satisfies <paramref name="done"/> and returns that value. Exceptions
    /// <paramref name="transient"/> accepts (a node not answering yet) count as "not yet"; any other propagates. After
    /// <paramref name="timeout"/> throws <see cref="TimeoutException"/> with the last value, the last error and
    /// <paramref name="diagnostics"/>.
    /// </summary>
    public static async Task<T> ValueAsync<T>(
        Func<Task<T>> probe,
        Func<T, bool> done,
        TimeSpan timeout,
        string what,
        Func<string>? diagnostics = null,
        Func<Exception, bool>? transient = null,
        TimeSpan? interval = null)
    {
        var clock = Stopwatch.StartNew();
        T last = default!;
        Exception? error = null;
        while (clock.Elapsed < timeout)
        {
            try
            {
                last = await probe();
                error = null;
                if (done(last))
                {
                    return last;
                }
            }
            catch (Exception ex) when (transient?.Invoke(ex) == true)
            {
                error = ex;
            }

            await Task.Delay(interval ?? DefaultInterval);
        }

        throw new TimeoutException($"{what}: not within {timeout.TotalSeconds:0.#} s (last: {last}, error: {error?.Message}). {diagnostics?.Invoke()}");
    }
}
