using System.Buffers;
using System.Text.Json;

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
                    Start(response);
                    started = true;
                }

                if (!silent)
                {
                    await WriteLineAsync(response, json =>
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
            await WriteLineAsync(response, json => json.WriteString("Error", e.Message), ct).ConfigureAwait(false);
            return;
        }

        if (!started)
        {
            Start(response);
        }
    }

    private static void Start(HttpResponse response)
    {
        response.ContentType = "application/json";
        response.Headers["X-Chunked-Output"] = "1";
    }

    private static async Task WriteLineAsync(HttpResponse response, Action<Utf8JsonWriter> body, CancellationToken cancellationToken)
    {
        using (var json = new Utf8JsonWriter(response.BodyWriter))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        response.BodyWriter.Write("\n"u8);
        await response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
