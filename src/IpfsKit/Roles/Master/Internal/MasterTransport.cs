using IpfsKit.Content;
using IpfsKit.Roles.Internal;
using IpfsKit.Transports;
using IpfsKit.Transports.Embedded;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// The master's transport: the local (embedded) node, whose pins also enter the master's pinset (source <c>local</c>)
/// so that the coordinator places them on workers. Its local pin is the spool: once the pin is placed, the
/// <see cref="LeafDropper"/> replaces it by what <see cref="RolesOptions.MasterKeeps"/> says.
/// </summary>
internal sealed class MasterTransport(IIpfsTransport local, MasterStore store, LeafDropper dropper, SpoolGate spool) : DelegatingIpfsTransport(local), IAddAdmission
{
    public const string LocalSource = "local";

    public Task<IAddSpool?> EnterAddAsync(CancellationToken cancellationToken) => spool.EnterAsync(Inner, cancellationToken);

    public override async Task<AddResult> AddAsync(Stream content, AddOptions? options = null, IProgress<AddProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= AddOptions.Default;
        var lease = options.Import.OnlyHash ? null : await EnterAddAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var streamed = false;
            var result = lease is not null && Inner is EmbeddedTransport node
                ? await node.AddAsync(content, options, progress, lease.Through, async (root, ct) => streamed = await lease.CompleteAsync([root], ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false)
                : await base.AddAsync(content, options, progress, cancellationToken).ConfigureAwait(false);
            if (options.Pin && !options.Import.OnlyHash && !streamed)
            {
                await IngestAsync(result.Cid, PinMode.Recursive, cancellationToken).ConfigureAwait(false);
            }

            return result;
        }
        finally
        {
            if (lease is not null)
            {
                await lease.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public override async Task PinAsync(Cid cid, PinMode mode = PinMode.Recursive, CancellationToken cancellationToken = default)
    {
        await base.PinAsync(cid, mode, cancellationToken).ConfigureAwait(false);
        await IngestAsync(cid, mode, cancellationToken).ConfigureAwait(false);
    }

    public override async Task UnpinAsync(Cid cid, PinMode mode = PinMode.Recursive, CancellationToken cancellationToken = default)
    {
        var pinset = await store.PinsetAsync(cancellationToken).ConfigureAwait(false);
        var known = await pinset.GetAsync(cid, cancellationToken).ConfigureAwait(false) is not null;
        try
        {
            await base.UnpinAsync(cid, mode, cancellationToken).ConfigureAwait(false);
        }
        catch (IpfsKitNotPinnedException) when (known)
        {
            // Placed and dropped with MasterKeeps.Nothing: the master holds nothing of it locally.
        }

        await pinset.RemoveAsync(cid, null, cancellationToken).ConfigureAwait(false);
        await dropper.ReleaseAsync(Inner, cid, cancellationToken).ConfigureAwait(false);
    }

    private async Task IngestAsync(Cid cid, PinMode mode, CancellationToken cancellationToken)
    {
        var pinset = await store.PinsetAsync(cancellationToken).ConfigureAwait(false);
        await pinset.IngestAsync(cid, mode, LocalSource, null, cancellationToken).ConfigureAwait(false);
    }
}
