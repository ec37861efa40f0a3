using System.Runtime.CompilerServices;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Transports;

namespace IpfsKit.Internal;

/// <summary>
/// The store an import writes to when the node is remote: every block the importer writes is put on the node
/// (<c>block/put</c>), nothing is kept here. Only what an importer calls is supported.
/// </summary>
internal sealed class TransportBlockSink(IIpfsTransport transport) : IBlockStore
{
    private readonly IBlockSource _source = transport.AsBlockSource();

    public ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default) => _source.GetAsync(cid, cancellationToken);

    public ValueTask<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);

    public async ValueTask PutAsync(Block block, CancellationToken cancellationToken = default) =>
        await transport.PutBlockAsync(block, cancellationToken).ConfigureAwait(false);

    public ValueTask<bool> DeleteAsync(Cid cid, CancellationToken cancellationToken = default) =>
        throw new IpfsKitNotSupportedException(transport.Name, "delete through an import");

    public async IAsyncEnumerable<Cid> EnumerateAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        yield break;
    }
}
