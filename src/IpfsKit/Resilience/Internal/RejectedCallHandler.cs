using IpfsKit.Errors;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace IpfsKit.Resilience.Internal;

/// <summary>
/// Sits outside the resilience handler and turns Polly's rejections (open circuit, attempt timeout) into
/// <see cref="HttpRequestException"/>, the failure every transport already maps to <see cref="IpfsKitRemoteException"/>
/// with no status: callers see one typed error whatever stopped the call.
/// </summary>
internal sealed class RejectedCallHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException e)
        {
            throw new HttpRequestException($"the circuit to {request.RequestUri?.GetLeftPart(UriPartial.Authority)} is open after repeated failures; calls resume after its break (IpfsKit:Resilience:BreakDuration)", e);
        }
        catch (TimeoutRejectedException e)
        {
            throw new HttpRequestException($"{request.RequestUri?.GetLeftPart(UriPartial.Authority)} gave no answer within {e.Timeout.TotalSeconds:0.###} s (IpfsKit:Resilience:AttemptTimeout)", e);
        }
        catch (ExecutionRejectedException e)
        {
            throw new HttpRequestException(e.Message, e);
        }
    }
}
