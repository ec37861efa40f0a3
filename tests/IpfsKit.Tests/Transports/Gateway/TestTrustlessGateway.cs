using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.Car;
using IpfsKit.Content.DagPb;
using IpfsKit.Testing.PeerRig;

using IpfsKit.Testing.Http;

namespace IpfsKit.Tests.Transports.Gateway;

/// <summary>
/// A minimal trustless gateway (https://specs.ipfs.tech/http-gateways/trustless-gateway/) on 127.0.0.1 for the tests.
/// It exists because the js-ipfs 0.66.1 peer's own gateway is not trustless: asked for
/// <c>/ipfs/{cid}?format=raw</c> with <c>Accept: application/vnd.ipld.raw</c> (or <c>format=car</c>) it still answers the
/// deserialized file as <c>application/octet-stream</c> (checked 2026-11-25: 12 bytes of "hello world\n" for the 20-byte
/// dag-pb block), and it waits on bitswap instead of answering 404 for a block it lacks.
/// Blocks come from the real peer (<c>block/get</c>); CARs are built with the Core <see cref="CarWriter"/>.
/// CIDs in <see cref="Missing"/> answer 404 without asking the peer; CIDs in <see cref="Tampered"/> come back with their
/// first byte flipped (raw) or their CAR's last byte flipped.
/// </summary>
public sealed class TestTrustlessGateway : LoopbackHttpServer
{
    private readonly PeerClient _peer;
    private int _failNext;

    public TestTrustlessGateway(PeerClient peer)
    {
        _peer = peer;
    }

    public ConcurrentDictionary<Cid, bool> Missing { get; } = new();

    public ConcurrentDictionary<Cid, bool> Tampered { get; } = new();

    /// <summary>How many of the next requests answer 503 Service Unavailable (an overloaded gateway), for resilience tests.</summary>
    public int FailNext
    {
        get => Volatile.Read(ref _failNext);
        set => Volatile.Write(ref _failNext, value);
    }

    /// <summary>Every request as "METHOD path?query | Accept".</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    protected override async Task ServeAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        Requests.Enqueue($"{request.HttpMethod} {request.Url!.PathAndQuery} | {request.Headers["Accept"]}");
        try
        {
            if (Interlocked.Decrement(ref _failNext) >= 0)
            {
                await RespondAsync(response, 503, "text/plain", "overloaded"u8.ToArray());
                return;
            }

            var path = request.Url.AbsolutePath;
            if (request.HttpMethod != "GET" || !path.StartsWith("/ipfs/", StringComparison.Ordinal) || !Cid.TryParse(path["/ipfs/".Length..], out var cid))
            {
                await RespondAsync(response, 400, "text/plain", "bad request"u8.ToArray());
                return;
            }

            if (Missing.ContainsKey(cid))
            {
                await RespondAsync(response, 404, "text/plain", "ipld: could not find node"u8.ToArray());
                return;
            }

            switch (request.QueryString["format"])
            {
                case "raw":
                    var bytes = await _peer.BlockGetAsync(cid.ToString());
                    if (Tampered.ContainsKey(cid))
                    {
                        bytes[0] ^= 0xFF;
                    }

                    await RespondAsync(response, 200, "application/vnd.ipld.raw", bytes);
                    break;
                case "car":
                    var car = await BuildCarAsync(cid);
                    if (Tampered.ContainsKey(cid))
                    {
                        car[^1] ^= 0xFF; // inside the last block's data
                    }

                    await RespondAsync(response, 200, "application/vnd.ipld.car; version=1", car);
                    break;
                default:
                    await RespondAsync(response, 400, "text/plain", "only format=raw and format=car"u8.ToArray());
                    break;
            }
        }
        catch (Exception e)
        {
            await RespondAsync(response, 500, "text/plain", System.Text.Encoding.UTF8.GetBytes(e.Message));
        }
    }

    /// <summary>The DAG under <paramref name="root"/>, depth first, as a CARv1 (dag-pb links are followed, raw leaves end).</summary>
    private async Task<byte[]> BuildCarAsync(Cid root)
    {
        using var output = new MemoryStream();
        var writer = await CarWriter.CreateAsync(output, [root]);
        await using (writer)
        {
            var pending = new Stack<Cid>([root]);
            while (pending.TryPop(out var cid))
            {
                var block = Block.CreateVerified(cid, await _peer.BlockGetAsync(cid.ToString()));
                await writer.WriteAsync(block);
                if (cid.Codec == Multicodec.DagPb)
                {
                    foreach (var link in DagPbCodec.Decode(block.Data).Links.Reverse())
                    {
                        pending.Push(link.Hash);
                    }
                }
            }
        }

        return output.ToArray();
    }

}
