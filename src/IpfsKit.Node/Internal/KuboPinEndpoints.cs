using System.Runtime.CompilerServices;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Transports;

namespace IpfsKit.Node.Internal;

/// <summary>
/// Kubo's pin calls as IPFS Cluster's ipfshttp connector makes them: <c>pin/add</c> (with <c>progress=true</c>
/// streaming), <c>pin/ls</c> (the <c>Keys</c> map, or one <c>{"Cid","Type"}</c> line a pin with <c>stream=true</c>),
/// <c>pin/rm</c> and <c>pin/update</c>, with Kubo's answers and error messages (the connector matches them).
/// </summary>
internal static class KuboPinEndpoints
{
    /// <summary>Kubo's message for removing a pin that is not there (boxo's <c>ErrNotPinned</c>, compared verbatim by IPFS Cluster).</summary>
    public const string NotPinnedMessage = "not pinned or pinned indirectly";

    /// <summary>Kubo's message for a <c>pin/update</c> whose <c>from</c> is not a recursive pin.</summary>
    public const string FromNotPinnedMessage = "'from' cid was not recursively pinned already";

    private static readonly PinMode[] StrongestFirst = [PinMode.Recursive, PinMode.Direct, PinMode.Indirect];

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/pin/add", PinAddAsync);
        api.MapPost("/pin/ls", PinLsAsync);
        api.MapPost("/pin/rm", PinRmAsync);
        api.MapPost("/pin/update", PinUpdateAsync);
    }

    /// <summary>
    /// Kubo's <c>pin/add</c>: <c>recursive</c> (default true), IpfsKit's pin policy arguments (<see cref="PinPolicyQuery"/>)
    /// and <c>progress</c> (<see cref="KuboPinProgress"/>). IPFS Cluster's <c>max-depth</c> is accepted and pins the
    /// whole DAG (more than asked, never less). Answers <c>{"Pins":[cid]}</c>.
    /// </summary>
    private static async Task PinAddAsync(HttpContext context, IIpfsKit ipfs, TimeProvider time)
    {
        var request = context.Request;
        var cid = KuboApiEndpoints.ArgCid(request);
        var mode = KuboQuery.Flag(request, "recursive", true) ? PinMode.Recursive : PinMode.Direct;
        _ = KuboQuery.Number(request, "max-depth"); // checked for a valid value only
        var options = PinPolicyQuery.Parse(request, mode);
        Task PinAsync(CancellationToken ct) => options is not null ? ipfs.PinAsync(cid, options, ct) : ipfs.PinAsync(cid, mode, ct);

        if (KuboQuery.Flag(request, "progress", false))
        {
            var blocks = await ipfs.GetBlockStoreAsync(context.RequestAborted).ConfigureAwait(false);
            await KuboPinProgress.RunAsync(context, blocks.Local, cid, mode, PinAsync, time).ConfigureAwait(false);
            return;
        }

        await PinAsync(context.RequestAborted).ConfigureAwait(false);
        await Results.Json(new { Pins = new[] { cid.ToString() } }, KuboJson.Options).ExecuteAsync(context).ConfigureAwait(false);
    }

    /// <summary>
    /// Kubo's <c>pin/ls</c>: <c>type</c> (all, recursive, direct, indirect), an optional <c>arg</c> (fails with
    /// <c>path '…' is not pinned</c> when it is not a pin of that type) and <c>stream</c>.
    /// </summary>
    private static async Task PinLsAsync(HttpContext context, IIpfsKit ipfs)
    {
        var request = context.Request;
        var typeText = request.Query["type"].ToString();
        PinMode? mode = typeText switch
        {
            "" or "all" => null,
            "recursive" => PinMode.Recursive,
            "direct" => PinMode.Direct,
            "indirect" => PinMode.Indirect,
            _ => throw new ArgumentException($"invalid type {InputText.Quote(typeText)}, must be one of {{direct, indirect, recursive, all}}"),
        };
        var stream = KuboQuery.Flag(request, "stream", false);
        var arg = request.Query["arg"].ToString();
        Cid? only = arg.Length > 0 ? CidArgument.Parse(arg) : null;
        var ct = context.RequestAborted;
        var keys = new Dictionary<string, object>(StringComparer.Ordinal);
        var started = false;
        var pins = only is not null && mode is null ? StrongestFirstAsync(ipfs, ct) : ipfs.ListPinsAsync(mode, ct);
        await foreach (var pin in pins.ConfigureAwait(false))
        {
            if (only is { } wanted && !pin.Cid.ToV1().Equals(wanted.ToV1()))
            {
                continue;
            }

            var key = (only ?? pin.Cid).ToString(); // Kubo answers an argument in the encoding it was given
            var type = pin.Mode.ToString().ToLowerInvariant();
            if (!stream)
            {
                keys[key] = new { Type = type, Name = "" };
            }
            else
            {
                if (!started)
                {
                    KuboNdjson.Start(context.Response);
                    started = true;
                }

                await KuboNdjson.WriteLineAsync(context.Response, json =>
                {
                    json.WriteString("Cid", key);
                    json.WriteString("Type", type);
                }, ct).ConfigureAwait(false);
            }

            if (only is not null)
            {
                break;
            }
        }

        if (only is not null && !started && keys.Count == 0)
        {
            throw new InvalidOperationException($"path '{arg}' is not pinned");
        }

        if (stream)
        {
            if (!started)
            {
                KuboNdjson.Start(context.Response);
            }

            return;
        }

        await Results.Json(new { Keys = keys }, KuboJson.Options).ExecuteAsync(context).ConfigureAwait(false);
    }

    /// <summary>Kubo's <c>pin/rm</c>: <c>recursive</c> (default true); a CID that is not pinned fails with <see cref="NotPinnedMessage"/>.</summary>
    private static async Task<IResult> PinRmAsync(HttpContext context, IIpfsKit ipfs)
    {
        var cid = KuboApiEndpoints.ArgCid(context.Request);
        var mode = KuboQuery.Flag(context.Request, "recursive", true) ? PinMode.Recursive : PinMode.Direct;
        try
        {
            await ipfs.UnpinAsync(cid, mode, context.RequestAborted).ConfigureAwait(false);
        }
        catch (IpfsKitNotPinnedException e)
        {
            throw new IpfsKitNotPinnedException(NotPinnedMessage, e);
        }

        return Results.Json(new { Pins = new[] { cid.ToString() } }, KuboJson.Options);
    }

    /// <summary>
    /// Kubo's <c>pin/update</c>: two <c>arg</c>s, from and to; <c>from</c> must be a recursive pin (else
    /// <see cref="FromNotPinnedMessage"/>); <c>to</c> is pinned recursively, then <c>from</c> is unpinned unless
    /// <c>unpin=false</c>. The same CID twice changes nothing. Answers <c>{"Pins":[from,to]}</c>.
    /// </summary>
    private static async Task<IResult> PinUpdateAsync(HttpContext context, IIpfsKit ipfs)
    {
        var args = context.Request.Query["arg"];
        if (args.Count != 2)
        {
            throw new ArgumentException($"pin/update takes two arguments, from-path and to-path; {args.Count} given");
        }

        var from = CidArgument.Parse(args[0] ?? "");
        var to = CidArgument.Parse(args[1] ?? "");
        var unpin = KuboQuery.Flag(context.Request, "unpin", true);
        var ct = context.RequestAborted;
        if (!from.ToV1().Equals(to.ToV1()))
        {
            if (!await IsRecursivelyPinnedAsync(ipfs, from, ct).ConfigureAwait(false))
            {
                throw new IpfsKitNotPinnedException(FromNotPinnedMessage);
            }

            await ipfs.PinAsync(to, PinMode.Recursive, ct).ConfigureAwait(false);
            if (unpin)
            {
                await ipfs.UnpinAsync(from, PinMode.Recursive, ct).ConfigureAwait(false);
            }
        }

        return Results.Json(new { Pins = new[] { from.ToString(), to.ToString() } }, KuboJson.Options);
    }

    /// <summary>Every pin, recursive ones first, then direct, then indirect: the type Kubo reports for one CID is its strongest.</summary>
    private static async IAsyncEnumerable<PinEntry> StrongestFirstAsync(IIpfsKit ipfs, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var mode in StrongestFirst)
        {
            await foreach (var pin in ipfs.ListPinsAsync(mode, cancellationToken).ConfigureAwait(false))
            {
                yield return pin;
            }
        }
    }

    private static async Task<bool> IsRecursivelyPinnedAsync(IIpfsKit ipfs, Cid cid, CancellationToken cancellationToken)
    {
        var wanted = cid.ToV1();
        await foreach (var pin in ipfs.ListPinsAsync(PinMode.Recursive, cancellationToken).ConfigureAwait(false))
        {
            if (pin.Cid.ToV1().Equals(wanted))
            {
                return true;
            }
        }

        return false;
    }
}
