using IpfsKit.Blocks;
using IpfsKit.Content;

namespace IpfsKit.Node.Gateway;

/// <summary>
/// The node's blocks as the gateway reads them: through the node's tiers and, behind them, its role's source (a
/// master's workers, a leecher's or worker's master), each block verified by that source, and each read bounded by
/// <see cref="GatewayLimits.BlockTimeout"/>: a block that does not come in time fails with a 504
/// <see cref="GatewayException"/> instead of holding the request.
/// </summary>
internal sealed class GatewayBlockSource(IBlockSource inner, TimeSpan timeout, TimeProvider time) : IBlockSource
{
    public async ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await inner.GetAsync(cid, linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested && e is not GatewayException)
        {
            // Whatever the source made of the cancellation (a remote error, a cancelled task), the block did not come.
            throw new GatewayException(StatusCodes.Status504GatewayTimeout, $"block {cid} did not arrive within {timeout.TotalSeconds:0.###} s");
        }
    }
}
