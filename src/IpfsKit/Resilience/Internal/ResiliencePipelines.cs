using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace IpfsKit.Resilience.Internal;

/// <summary>Builds the HTTP resilience pipeline of the remote transports from <see cref="IpfsKitResilienceOptions"/>.</summary>
internal static class ResiliencePipelines
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, IpfsKitResilienceOptions options)
    {
        // Outermost: retries, only of idempotent calls, on transient outcomes (502/503/504, 408, 429, connection failures, timeouts).
        builder.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(1, options.MaxRetryAttempts),
            Delay = options.RetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = args => new ValueTask<bool>(
                options.MaxRetryAttempts > 0
                && IdempotentCalls.IsIdempotent(args.Context.GetRequestMessage())
                && IsTransient(args.Outcome)),
        });

        // A circuit per endpoint: the handler belongs to one named client, which talks to one node.
        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = options.FailureRatio,
            MinimumThroughput = Math.Max(2, options.MinimumThroughput),
            SamplingDuration = options.SamplingDuration,
            BreakDuration = options.BreakDuration,
            ShouldHandle = args => new ValueTask<bool>(IsTransient(args.Outcome)),
        });

        // Innermost: a timeout per attempt, except for uploads and subscriptions whose length is not the node's.
        builder.AddTimeout(new TimeoutStrategyOptions
        {
            TimeoutGenerator = args =>
            {
                var request = args.Context.GetRequestMessage();
                return new ValueTask<TimeSpan>(
                    IdempotentCalls.IsUpload(request) || IdempotentCalls.IsSubscription(request) ? Timeout.InfiniteTimeSpan : options.AttemptTimeout);
            },
        });
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException or BrokenCircuitException } => true,
        { Exception: OperationCanceledException } => false,
        // Kubo answers 500 with its error JSON for a command that failed (bad argument, not pinned): an answer, not a
        // transient fault. Proxies and overloaded servers answer 502/503/504, 408 or 429.
        { Result: { } response } => response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout,
        _ => false,
    };
}
