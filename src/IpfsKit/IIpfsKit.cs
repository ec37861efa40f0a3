using System.Text.Json.Serialization.Metadata;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Content.UnixFs.Reading;
using IpfsKit.Errors;
using IpfsKit.Storage;
using IpfsKit.Transports;

namespace IpfsKit;

/// <summary>
/// The IpfsKit client an application uses: add and read content, pin it, publish and subscribe, over the configured
/// transport (embedded node, Kubo, gateway). Reads through a remote transport are cached in the tiered block store.
/// Resolve it from DI after <c>services.AddIpfsKit(...)</c>. Thread-safe.
/// </summary>
public interface IIpfsKit
{
    /// <summary>Gets whether the transport answered its last call (always <see langword="true"/> for the embedded node).</summary>
    bool IsOnline { get; }

    /// <summary>Gets the transport, opening it on first use (the embedded node opens its storage then).</summary>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <returns>The transport.</returns>
    ValueTask<IIpfsTransport> GetTransportAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Gets the node's block store, opening the transport on first use: the embedded node's own storage, or the read
    /// cache in front of a remote transport. Its <see cref="TieredBlockStore.Local"/> reads what this node holds
    /// without asking further; its tiers give the bytes pinned and the budget.
    /// </summary>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <returns>The block store; owned by the node (do not dispose it).</returns>
    ValueTask<TieredBlockStore> GetBlockStoreAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds content as a UnixFS file.</summary>
    /// <param name="content">The content, read once to its end.</param>
    /// <param name="options">Import settings, name, pinning. <value>The default value is <see langword="null"/>: Kubo's defaults, pinned.</value></param>
    /// <param name="progress">Receives the bytes processed so far. <value>The default value is <see langword="null"/>.</value></param>
    /// <param name="cancellationToken">Cancels the add.</param>
    /// <returns>The root CID and size.</returns>
    Task<AddResult> AddAsync(Stream content, AddOptions? options = null, IProgress<AddProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Adds a file from disk, streamed.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Import settings, name, pinning. <value>The default value is <see langword="null"/>: Kubo's defaults, pinned, named after the file.</value></param>
    /// <param name="progress">Receives the bytes processed so far. <value>The default value is <see langword="null"/>.</value></param>
    /// <param name="cancellationToken">Cancels the add.</param>
    /// <returns>The root CID and size.</returns>
    Task<AddResult> AddFileAsync(string path, AddOptions? options = null, IProgress<AddProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Adds a string as a UTF-8 file.</summary>
    /// <param name="text">The text.</param>
    /// <param name="options">Import settings, name, pinning. <value>The default value is <see langword="null"/>: Kubo's defaults, pinned.</value></param>
    /// <param name="cancellationToken">Cancels the add.</param>
    /// <returns>The root CID and size.</returns>
    Task<AddResult> AddTextAsync(string text, AddOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds a directory from disk recursively (as <c>ipfs add -r</c>: files streamed, hidden files only with
    /// <see cref="Content.UnixFs.Importing.ImportOptions.IncludeHidden"/>, HAMT-sharded above Kubo's threshold) and
    /// pins its root. A remote node receives the blocks one by one (<c>block/put</c>) and then the pin.
    /// </summary>
    /// <param name="path">The directory (a file is added as a file).</param>
    /// <param name="options">Import settings and pinning (<see cref="AddOptions.FileName"/> is not used). <value>The default value is <see langword="null"/>: Kubo's defaults, pinned.</value></param>
    /// <param name="progress">Receives the bytes processed so far. <value>The default value is <see langword="null"/>.</value></param>
    /// <param name="cancellationToken">Cancels the add.</param>
    /// <returns>The root directory's CID, name and DAG size.</returns>
    /// <exception cref="FileNotFoundException">Nothing is at <paramref name="path"/>.</exception>
    Task<AddResult> AddDirectoryAsync(string path, AddOptions? options = null, IProgress<AddProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds the files, directories and symbolic links of one request as they arrive (what Kubo's <c>/api/v0/add</c>
    /// does with a multipart body), then pins the top-level entries (or, with
    /// <see cref="Content.UnixFs.Importing.ImportOptions.WrapWithDirectory"/>, the wrapping directory) only when the
    /// whole import succeeded, through the role as <see cref="PinAsync(Cid, PinMode, CancellationToken)"/> does (a master
    /// places them, a leecher queues them). The blocks are held until the add ends: a failed or cancelled add pins nothing
    /// and leaves none of the blocks it newly wrote. The embedded node only.
    /// </summary>
    /// <param name="entries">The entries, in the order <see cref="Content.UnixFs.Importing.UnixFsImporter.AddStreamAsync"/> reads them.</param>
    /// <param name="onResult">
    /// Receives each file and directory imported (directories after their contents), one call at a time; the call for
    /// the last result waits until the roots are pinned, so a failure up to then can still be reported instead.
    /// </param>
    /// <param name="options">Import settings and pinning (<see cref="AddOptions.FileName"/> is not used). <value>The default value is <see langword="null"/>: Kubo's defaults, pinned.</value></param>
    /// <param name="expectedLength">The content's length when known (a request body's): an add that cannot fit fails before it reads anything. <value>The default value is <see langword="null"/>: not known.</value></param>
    /// <param name="cancellationToken">Cancels the add.</param>
    /// <returns>The roots: the top-level entries' CIDs, or the wrapping directory's.</returns>
    /// <exception cref="IpfsKitNotSupportedException">The transport is not the embedded node.</exception>
    /// <exception cref="IpfsKitCapacityException"><paramref name="expectedLength"/> is more than the node can still take, or the blocks do not fit.</exception>
    /// <exception cref="ArgumentException"><paramref name="entries"/> is empty.</exception>
    Task<IReadOnlyList<Cid>> AddEntriesAsync(
        IAsyncEnumerable<ImportEntry> entries,
        Func<ImportResult, CancellationToken, ValueTask> onResult,
        AddOptions? options = null,
        long? expectedLength = null,
        CancellationToken cancellationToken = default);

    /// <summary>Serializes a value as UTF-8 JSON and adds it as a file.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="typeInfo">The JSON contract (source-generated for trimming and speed).</param>
    /// <param name="options">Import settings and pinning. <value>The default value is <see langword="null"/>.</value></param>
    /// <param name="cancellationToken">Cancels the add.</param>
    /// <returns>The root CID and size.</returns>
    Task<AddResult> AddJsonAsync<T>(T value, JsonTypeInfo<T> typeInfo, AddOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Reads a file, or a range of it.</summary>
    /// <param name="cid">The file's CID.</param>
    /// <param name="range">The bytes wanted. <value>The default value is <see langword="null"/>: all.</value></param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <returns>A stream of the bytes; dispose it.</returns>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "Overloads by the path's type, each ending with the optional token as every async member here (the BCL's shape); a shape the rule accepts doubles the interface.")]
    Task<Stream> CatAsync(Cid cid, ByteRange? range = null, CancellationToken cancellationToken = default);

    /// <summary>Reads a file named by an IPFS path, or a range of it.</summary>
    /// <param name="path">
    /// <c>/ipfs/&lt;cid&gt;/a/b</c>, <c>&lt;cid&gt;/a/b</c> or a bare CID; resolved through plain and HAMT-sharded directories.
    /// </param>
    /// <param name="range">The bytes wanted. <value>The default value is <see langword="null"/>: all.</value></param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <returns>A stream of the bytes; dispose it.</returns>
    /// <exception cref="IpfsKitFormatException">The text is not an IPFS path, or its end is not a file; the message names the bad part.</exception>
    /// <exception cref="IpfsKitPathNotFoundException">A segment names nothing; the message names it.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "Overloads by the path's type, each ending with the optional token as every async member here (the BCL's shape); a shape the rule accepts doubles the interface.")]
    Task<Stream> CatAsync(string path, ByteRange? range = null, CancellationToken cancellationToken = default);

    /// <summary>Resolves an IPFS path to the CID it names (as <c>ipfs resolve</c>), reading only the directory blocks on the way.</summary>
    /// <param name="path">The path; a bare CID is returned as is.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <returns>The CID at the end of the path.</returns>
    /// <exception cref="IpfsKitPathNotFoundException">A segment names nothing; the message names it.</exception>
    Task<Cid> ResolveAsync(ContentPath path, CancellationToken cancellationToken = default);

    /// <summary>Lists a directory named by an IPFS path (as <c>ipfs ls</c>).</summary>
    /// <param name="path"><c>/ipfs/&lt;cid&gt;/a/b</c>, <c>&lt;cid&gt;/a/b</c> or a bare CID.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The entries, HAMT-sharded directories flattened.</returns>
    /// <exception cref="IpfsKitFormatException">The text is not an IPFS path; the message names the bad part.</exception>
    /// <exception cref="IpfsKitPathNotFoundException">A segment names nothing; the message names it.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "Overloads by the path's type, each ending with the optional token as every async member here (the BCL's shape); a shape the rule accepts doubles the interface.")]
    IAsyncEnumerable<LinkEntry> ListAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Lists a directory (as <c>ipfs ls</c>); a <see cref="Cid"/> converts to a path.</summary>
    /// <param name="path">The directory.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The entries, HAMT-sharded directories flattened.</returns>
    /// <exception cref="IpfsKitPathNotFoundException">A segment names nothing; the message names it.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "Overloads by the path's type, each ending with the optional token as every async member here (the BCL's shape); a shape the rule accepts doubles the interface.")]
    IAsyncEnumerable<LinkEntry> ListAsync(ContentPath path, CancellationToken cancellationToken = default);

    /// <summary>Tells what the node at an IPFS path is and how big (as <c>ipfs files stat</c>).</summary>
    /// <param name="path"><c>/ipfs/&lt;cid&gt;/a/b</c>, <c>&lt;cid&gt;/a/b</c> or a bare CID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Its kind, sizes and metadata, from its own block.</returns>
    /// <exception cref="IpfsKitFormatException">The text is not an IPFS path, or the node is not UnixFS.</exception>
    /// <exception cref="IpfsKitPathNotFoundException">A segment names nothing; the message names it.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "Overloads by the path's type, each ending with the optional token as every async member here (the BCL's shape); a shape the rule accepts doubles the interface.")]
    Task<UnixFsNodeInfo> StatAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Tells what a node is and how big; a <see cref="Cid"/> converts to a path.</summary>
    /// <param name="path">The node.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Its kind, sizes and metadata, from its own block.</returns>
    /// <exception cref="IpfsKitPathNotFoundException">A segment names nothing; the message names it.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "Overloads by the path's type, each ending with the optional token as every async member here (the BCL's shape); a shape the rule accepts doubles the interface.")]
    Task<UnixFsNodeInfo> StatAsync(ContentPath path, CancellationToken cancellationToken = default);

    /// <summary>Reads a file as UTF-8 JSON.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="cid">The file's CID.</param>
    /// <param name="typeInfo">The JSON contract.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The value.</returns>
    Task<T?> CatJsonAsync<T>(Cid cid, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default);

    /// <summary>Gets a block (from the cache tiers first).</summary>
    /// <param name="cid">The block's CID.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The verified block.</returns>
    Task<Block> GetBlockAsync(Cid cid, CancellationToken cancellationToken = default);

    /// <summary>Stores a block on the node.</summary>
    /// <param name="block">The block.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes once stored.</returns>
    Task PutBlockAsync(Block block, CancellationToken cancellationToken = default);

    /// <summary>Pins a DAG or a block.</summary>
    /// <param name="cid">The root.</param>
    /// <param name="mode">Recursive or direct. <value>The default value is <see cref="PinMode.Recursive"/>.</value></param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once pinned.</returns>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "Overloads by the pin's description (PinMode or PinOptions), each ending with the optional token as every async member here (the BCL's shape); a shape the rule accepts doubles the interface.")]
    Task PinAsync(Cid cid, PinMode mode = PinMode.Recursive, CancellationToken cancellationToken = default);

    /// <summary>Pins a DAG or a block with a cluster policy (replication bounds, name, metadata, member tags).</summary>
    /// <param name="cid">The root.</param>
    /// <param name="options">
    /// The mode and the policy; on a master the policy is stored with the pin and places it; on a leecher the pin is
    /// queued with its policy for the master (durably, while the master is unreachable); on a worker it is ignored.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once pinned (on a master: pinned locally and in the pinset; placement follows; on a leecher: queued).</returns>
    /// <exception cref="IpfsKitPinPolicyException">
    /// A replication bound is below 1 (other than -1), min is above max, or (on a master) a bound is above its
    /// <see cref="Roles.RolesOptions.MaxMembers"/>; the message names the values and nothing is pinned.
    /// </exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "Overloads by the pin's description (PinMode or PinOptions), each ending with the optional token as every async member here (the BCL's shape); a shape the rule accepts doubles the interface.")]
    Task PinAsync(Cid cid, PinOptions options, CancellationToken cancellationToken = default);

    /// <summary>Removes a pin.</summary>
    /// <param name="cid">The root.</param>
    /// <param name="mode">The pin to remove. <value>The default value is <see cref="PinMode.Recursive"/>.</value></param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once unpinned.</returns>
    Task UnpinAsync(Cid cid, PinMode mode = PinMode.Recursive, CancellationToken cancellationToken = default);

    /// <summary>Lists pins.</summary>
    /// <param name="mode">Only this kind. <value>The default value is <see langword="null"/>: recursive and direct.</value></param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The pins.</returns>
    IAsyncEnumerable<PinEntry> ListPinsAsync(PinMode? mode = null, CancellationToken cancellationToken = default);

    /// <summary>Collects garbage in the node: deletes the stored blocks no pin holds (as <c>ipfs repo gc</c>).</summary>
    /// <param name="cancellationToken">Stops the collection; what was removed before stays removed.</param>
    /// <returns>The CID of each removed block.</returns>
    /// <exception cref="IpfsKitNotSupportedException">The transport cannot collect (a gateway).</exception>
    IAsyncEnumerable<Cid> CollectGarbageAsync(CancellationToken cancellationToken = default);

    /// <summary>Publishes a message on a topic.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="data">The message.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once the node took the message.</returns>
    Task PublishAsync(string topic, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>Subscribes to a topic until cancelled.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="cancellationToken">Ends the subscription.</param>
    /// <returns>The messages as they arrive.</returns>
    IAsyncEnumerable<PubSubMessage> SubscribeAsync(string topic, CancellationToken cancellationToken = default);

    /// <summary>Gets the client's status: transport, identity, repository and cache figures.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The status; <see cref="IpfsKitStatus.IsOnline"/> is false (and the node figures empty) when the transport does not answer.</returns>
    Task<IpfsKitStatus> GetStatusAsync(CancellationToken cancellationToken = default);
}
