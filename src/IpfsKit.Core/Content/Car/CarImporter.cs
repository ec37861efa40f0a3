using IpfsKit.Blocks;
using IpfsKit.Errors;

namespace IpfsKit.Content.Car;

/// <summary>Reads a CAR into a block store (as <c>ipfs dag import</c> does, without pinning).</summary>
public static class CarImporter
{
    /// <summary>Reads a CARv1 and puts each of its blocks, verified, into <paramref name="store"/>.</summary>
    /// <param name="car">The CAR bytes; not disposed.</param>
    /// <param name="store">Where the blocks go.</param>
    /// <param name="cancellationToken">Cancels the import.</param>
    /// <returns>The roots named by the CAR's header (the CARv1 format does not promise they are in the CAR).</returns>
    /// <exception cref="IpfsKitFormatException">The CAR is malformed; the blocks before the fault are stored.</exception>
    /// <exception cref="IpfsKitIntegrityException">A block does not match its CID; it is not stored, the blocks before it are.</exception>
    public static Task<IReadOnlyList<Cid>> ImportAsync(Stream car, IBlockStore store, CancellationToken cancellationToken) =>
        ImportAsync(car, store, null, cancellationToken);

    /// <summary>Reads a CARv1 with chosen limits and puts each of its blocks into <paramref name="store"/>.</summary>
    /// <param name="car">The CAR bytes; not disposed.</param>
    /// <param name="store">Where the blocks go.</param>
    /// <param name="options">Limits and checks of the reader. <value>The default value is <see langword="null"/>: the defaults.</value></param>
    /// <param name="cancellationToken">Cancels the import.</param>
    /// <returns>The roots named by the CAR's header.</returns>
    /// <exception cref="IpfsKitFormatException">The CAR is malformed; the blocks before the fault are stored.</exception>
    /// <exception cref="IpfsKitIntegrityException">A block does not match its CID; it is not stored, the blocks before it are.</exception>
    public static async Task<IReadOnlyList<Cid>> ImportAsync(Stream car, IBlockStore store, CarReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(car);
        ArgumentNullException.ThrowIfNull(store);
        var reader = await CarReader.OpenAsync(car, options, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            await foreach (var block in reader.ReadBlocksAsync(cancellationToken).ConfigureAwait(false))
            {
                await store.PutAsync(block, cancellationToken).ConfigureAwait(false);
            }

            return reader.Roots;
        }
    }
}
