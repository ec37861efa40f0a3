namespace IpfsKit.Resilience;

/// <summary>
/// Resilience of the remote transports' HTTP calls: a timeout per attempt, retries with jittered exponential backoff for
/// idempotent calls only (cat, block get/stat, pin ls, ls, id, stats; never add, put, pin or publish), and a circuit
/// breaker per endpoint.
/// </summary>
public sealed class IpfsKitResilienceOptions
{
    /// <summary>Gets or sets whether the handler is added at all.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the time one attempt may take until the response headers arrive. Uploads (add, block put) have no attempt timeout: their length is the content's.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how many times an idempotent call is retried after a transient failure.</summary>
    /// <value>The default value is 3.</value>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Gets or sets the first retry delay; later ones grow exponentially, with jitter.</summary>
    /// <value>The default value is 200 milliseconds.</value>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Gets or sets the share of failed calls within <see cref="SamplingDuration"/> that opens the circuit.</summary>
    /// <value>The default value is 0.5.</value>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Gets or sets the fewest calls within <see cref="SamplingDuration"/> before the circuit may open.</summary>
    /// <value>The default value is 10.</value>
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>Gets or sets the window over which failures are counted.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long the circuit stays open before a trial call.</summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}
