using IpfsKit.Errors;

namespace IpfsKit.Node.Internal;

/// <summary>
/// Kubo's <c>repo/gc</c>: collects the node's garbage and streams one <c>{"Key":{"/":cid}}</c> line per removed block.
/// <c>quiet</c> is accepted (the lines are already minimal); <c>silent</c> writes nothing; <c>stream-errors</c> is
/// accepted: an error after the first line is always written as an <c>{"Error":…}</c> line, one before it is Kubo's
/// error JSON with its status.
/// </summary>
internal static class KuboRepoEndpoints
{
    public static void Map(RouteGroupBuilder api) => api.MapPost("/repo/gc", CollectAsync);

    private static async Task CollectAsync(HttpContext context, IIpfsKit ipfs)
    {
        var silent = KuboQuery.Flag(context.Request, "silent", false);
        _ = KuboQuery.Flag(context.Request, "quiet", false); // checked for a valid value only
        _ = KuboQuery.Flag(context.Request, "stream-errors", false);
        var response = context.Response;
        var ct = context.RequestAborted;
        var started = false;
        try
        {
            await foreach (var cid in ipfs.CollectGarbageAsync(ct).ConfigureAwait(false))
            {
                if (!started)
                {
                    KuboNdjson.Start(response);
                    started = true;
                }

                if (!silent)
                {
                    await KuboNdjson.WriteLineAsync(response, json =>
                    {
                        json.WriteStartObject("Key");
                        json.WriteString("/", cid.ToString());
                        json.WriteEndObject();
                    }, ct).ConfigureAwait(false);
                }
            }
        }
        catch (IpfsKitException e) when (started)
        {
            await KuboNdjson.WriteLineAsync(response, json => json.WriteString("Error", e.Message), ct).ConfigureAwait(false);
            return;
        }

        if (!started)
        {
            KuboNdjson.Start(response);
        }
    }
}
