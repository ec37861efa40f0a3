using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Errors;

namespace IpfsKit.Transports.Internal;

/// <summary>Blocks read from a transport, as the next source behind the cache tiers. A block the node lacks is a miss.</summary>
internal sealed class TransportBlockSource(IIpfsTransport transport) : IBlockSource
{
    public async ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        try
        {
            return await transport.GetBlockAsync(cid, cancellationToken).ConfigureAwait(false);
        }
        catch (IpfsKitBlockNotFoundException)
        {
            return null;
        }
    }
}
