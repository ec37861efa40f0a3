using System.Runtime.CompilerServices;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Internal;
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

    /// <summary>
    /// Lists the local pins and the cluster's pins (the pinset): a pin placed on the workers stays listed once the master
    /// dropped its leaves, so a parent master that checks its placement on this one (a sub-cluster's master) finds it, as
    /// on any Kubo node. A block the cluster pins recursively is listed as recursive only, as Kubo lists it, even where
    /// the master keeps it locally as an interior node (a direct pin).
    /// </summary>
    public override async IAsyncEnumerable<PinEntry> ListPinsAsync(PinMode? mode = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var pinset = await store.PinsetAsync(cancellationToken).ConfigureAwait(false);
        var cluster = new Dictionary<Cid, PinEntry>();
        foreach (var pin in await pinset.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var cid = Cid.Parse(pin.Cid);
            if (pin.Mode is PinMode.Recursive or PinMode.Direct && (!cluster.TryGetValue(cid.ToV1(), out var known) || known.Mode != PinMode.Recursive))
            {
                cluster[cid.ToV1()] = new PinEntry(cid, pin.Mode);
            }
        }

        var listed = new HashSet<(Cid, PinMode)>();
        await foreach (var pin in base.ListPinsAsync(null, cancellationToken).ConfigureAwait(false))
        {
            var key = pin.Cid.ToV1();
            var shown = pin.Mode == PinMode.Direct && cluster.TryGetValue(key, out var clustered) && clustered.Mode == PinMode.Recursive ? clustered : pin;
            if ((mode is null || mode == shown.Mode) && listed.Add((key, shown.Mode)))
            {
                yield return shown;
            }
        }

        foreach (var (key, pin) in cluster)
        {
            if ((mode is null || mode == pin.Mode) && listed.Add((key, pin.Mode)))
            {
                yield return pin;
            }
        }
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
