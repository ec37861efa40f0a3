using IpfsKit.Content;
using IpfsKit.Transports;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// The master's transport: the local (embedded) node, whose pins also enter the master's pinset (source <c>local</c>)
/// so that the coordinator places them on workers. The master keeps its own full copy (its local pin stays).
/// </summary>
internal sealed class MasterTransport(IIpfsTransport local, MasterStore store) : DelegatingIpfsTransport(local)
{
    public const string LocalSource = "local";

    public override async Task<AddResult> AddAsync(Stream content, AddOptions? options = null, IProgress<AddProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var result = await base.AddAsync(content, options, progress, cancellationToken).ConfigureAwait(false);
        options ??= AddOptions.Default;
        if (options.Pin && !options.Import.OnlyHash)
        {
            await IngestAsync(result.Cid, PinMode.Recursive, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    public override async Task PinAsync(Cid cid, PinMode mode = PinMode.Recursive, CancellationToken cancellationToken = default)
    {
        await base.PinAsync(cid, mode, cancellationToken).ConfigureAwait(false);
        await IngestAsync(cid, mode, cancellationToken).ConfigureAwait(false);
    }

    public override async Task UnpinAsync(Cid cid, PinMode mode = PinMode.Recursive, CancellationToken cancellationToken = default)
    {
        await base.UnpinAsync(cid, mode, cancellationToken).ConfigureAwait(false);
        var pinset = await store.PinsetAsync(cancellationToken).ConfigureAwait(false);
        await pinset.RemoveAsync(cid, null, cancellationToken).ConfigureAwait(false);
    }

    private async Task IngestAsync(Cid cid, PinMode mode, CancellationToken cancellationToken)
    {
        var pinset = await store.PinsetAsync(cancellationToken).ConfigureAwait(false);
        await pinset.IngestAsync(cid, mode, LocalSource, null, cancellationToken).ConfigureAwait(false);
    }
}
