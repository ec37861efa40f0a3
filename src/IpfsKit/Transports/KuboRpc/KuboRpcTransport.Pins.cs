using System.Runtime.CompilerServices;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Transports.KuboRpc.Internal;

namespace IpfsKit.Transports.KuboRpc;

/// <content>Pins: add, rm, ls.</content>
public sealed partial class KuboRpcTransport
{
    /// <inheritdoc/>
    /// <remarks>Sends <c>pin/add</c> with <c>recursive=true|false</c>.</remarks>
    /// <exception cref="ArgumentException"><paramref name="mode"/> is <see cref="PinMode.Indirect"/>.</exception>
    /// <exception cref="IpfsKitRemoteException">The node answered an error or cannot be reached.</exception>
    public Task PinAsync(Cid cid, PinMode mode = PinMode.Recursive, CancellationToken cancellationToken = default) =>
        _client.PostAsync(KuboRpcClient.Path("pin/add", ("arg", cid.ToString()), ("recursive", Recursive(mode))), cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Sends <c>pin/rm</c> with <c>recursive=true|false</c>.</remarks>
    /// <exception cref="ArgumentException"><paramref name="mode"/> is <see cref="PinMode.Indirect"/>.</exception>
    /// <exception cref="IpfsKitRemoteException">The node answered an error (the CID is not pinned so) or cannot be reached.</exception>
    public Task UnpinAsync(Cid cid, PinMode mode = PinMode.Recursive, CancellationToken cancellationToken = default) =>
        _client.PostAsync(KuboRpcClient.Path("pin/rm", ("arg", cid.ToString()), ("recursive", Recursive(mode))), cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// Sends <c>pin/ls</c> with <c>type=recursive|direct|indirect</c>, or <c>type=all</c> without indirect pins for
    /// <see langword="null"/>, and <c>stream=true</c>; reads both the streamed <c>{Cid, Type}</c> lines and a
    /// <c>Keys</c> map.
    /// </remarks>
    /// <exception cref="IpfsKitRemoteException">The node answered an error or cannot be reached.</exception>
    public async IAsyncEnumerable<PinEntry> ListPinsAsync(PinMode? mode = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var type = mode switch
        {
            PinMode.Recursive => "recursive",
            PinMode.Direct => "direct",
            PinMode.Indirect => "indirect",
            _ => "all",
        };
        var path = KuboRpcClient.Path("pin/ls", ("type", type), ("stream", "true"));
        await foreach (var line in _client.PostLinesAsync(path, KuboJsonContext.Default.KuboPinLsLine, null, cancellationToken).ConfigureAwait(false))
        {
            if (line is { Cid: { } cid, Type: { } kind } && ParsePinMode(kind) is { } one && (mode is not null || one != PinMode.Indirect))
            {
                yield return new PinEntry(ParseCid(cid, "pin/ls"), one);
            }

            foreach (var (key, value) in line.Keys ?? new Dictionary<string, KuboPinType>())
            {
                if (ParsePinMode(value.Type) is { } pin && (mode is not null || pin != PinMode.Indirect))
                {
                    yield return new PinEntry(ParseCid(key, "pin/ls"), pin);
                }
            }
        }
    }

    private static string Recursive(PinMode mode) => mode switch
    {
        PinMode.Recursive => "true",
        PinMode.Direct => "false",
        _ => throw new ArgumentException("Only recursive and direct pins can be added or removed.", nameof(mode)),
    };

    /// <summary>The pin type the node names; Kubo may say <c>indirect through &lt;cid&gt;</c>.</summary>
    private static PinMode? ParsePinMode(string type) =>
        type.StartsWith("recursive", StringComparison.Ordinal) ? PinMode.Recursive
        : type.StartsWith("direct", StringComparison.Ordinal) ? PinMode.Direct
        : type.StartsWith("indirect", StringComparison.Ordinal) ? PinMode.Indirect
        : null;
}
