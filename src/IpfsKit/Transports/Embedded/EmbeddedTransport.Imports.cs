using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Transports.Embedded.Internal;

namespace IpfsKit.Transports.Embedded;

/// <content>Import sessions: the blocks of an add in progress are held until it ends, and removed when it fails.</content>
public sealed partial class EmbeddedTransport
{
    /// <summary>Gets the bytes the store of record can still take: its budget minus what pins and adds in progress hold.</summary>
    internal long FreeBytes
    {
        get
        {
            var record = Blocks.Disk ?? Blocks.Memory!;
            return Math.Max(0, record.Capacity - record.PinnedBytes);
        }
    }

    /// <summary>Starts an import: write through the session, pin what succeeded, call <see cref="ImportSession.Complete"/>, dispose it.</summary>
    /// <returns>The session; dispose it in every case.</returns>
    internal ImportSession BeginImport()
    {
        ThrowIfDisposed();
        return new ImportSession(_pins, Blocks);
    }

    /// <summary>Fails an add up front when its content alone is more than the store can still take.</summary>
    /// <param name="bytes">The content's length.</param>
    /// <exception cref="IpfsKitCapacityException">More than <see cref="FreeBytes"/>.</exception>
    internal void ThrowIfCannotFit(long bytes)
    {
        var free = FreeBytes;
        if (bytes > free)
        {
            var record = Blocks.Disk ?? Blocks.Memory!;
            throw new IpfsKitCapacityException($"{record.Name} tier of the embedded node", bytes, free);
        }
    }

    /// <summary>Tells whether the node has a pin of this mode on the CID.</summary>
    internal Task<bool> IsPinnedAsync(Cid cid, PinMode mode, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        return _pins.IsPinnedAsync(cid, mode, cancellationToken);
    }
}
