using System.Diagnostics;
using System.Net;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.DagPb;
using Xunit.Abstractions;
using static IpfsKit.Node.Tests.Gateway.GatewayHttp;

namespace IpfsKit.Node.Tests.Gateway;

/// <summary>
/// Issue 15, items 1, 2 and 5: the host's gateway over plain HTTP (what curl sees): the path gateway's headers, ranges,
/// HEAD and conditional requests, and the trustless gateway's raw blocks and CARs.
/// </summary>
[Trait("Category", "Gateway")]
public sealed class GatewayHttpTests(GatewayFixture fixture, ITestOutputHelper output) : IClassFixture<GatewayFixture>
{
    private const string Immutable = "public, max-age=29030400, immutable";

    private HttpClient Gateway => fixture.Host.Gateway;

    private GatewaySite Site => fixture.Site;

    [Fact]
    public async Task GetAndHead_File_SpecHeadersAndSniffedType()
    {
        var clock = Stopwatch.StartNew();
        var file = await Site.CidOfAsync("plain/a b.txt");
        using var get = await GetAsync(Gateway, Site.PathOf("plain/a b.txt"));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(Site.Files["plain/a b.txt"], await get.Content.ReadAsByteArrayAsync());
        Assert.Equal($"\"{file}\"", Header(get, "ETag"));
        Assert.Equal(Immutable, Header(get, "Cache-Control"));
        Assert.Equal($"/ipfs/{Site.Root}/plain/a%20b.txt", Header(get, "X-Ipfs-Path"));
        Assert.Equal($"{Site.Root},{Site.Plain},{file}", Header(get, "X-Ipfs-Roots"));
        Assert.Equal("text/plain; charset=utf-8", Header(get, "Content-Type"));
        Assert.Equal("bytes", Header(get, "Accept-Ranges"));

        using var head = await SendAsync(Gateway, HttpMethod.Head, Site.PathOf("plain/a b.txt"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(Site.Files["plain/a b.txt"].Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(Header(get, "ETag"), Header(head, "ETag"));

        using var notModified = await GetAsync(Gateway, Site.PathOf("plain/a b.txt"), ("If-None-Match", $"\"{file}\""));
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        output.WriteLine($"{clock.ElapsedMilliseconds,6} ms  text file: 200 with spec headers, HEAD without body, If-None-Match 304");

        // The type: by extension when the name has one, else sniffed from the bytes (a bare CID has no name).
        var png = await Site.CidOfAsync("plain/pixel.png");
        var multi = await Site.CidOfAsync("plain/multi-block.bin");
        foreach (var (path, type) in new[] { (Site.PathOf("plain/pixel.png"), "image/png"), ($"ipfs/{png}", "image/png"), ($"ipfs/{multi}", "application/octet-stream"), ($"ipfs/{await Site.CidOfAsync("site/index.html")}", "text/html; charset=utf-8") })
        {
            using var response = await SendAsync(Gateway, HttpMethod.Head, path);
            Assert.Equal(type, Header(response, "Content-Type"));
        }

        using var download = await SendAsync(Gateway, HttpMethod.Head, $"ipfs/{png}?filename=r%C3%A9sum%C3%A9.png&download=true");
        Assert.Equal("attachment; filename=\"r_sum_.png\"; filename*=UTF-8''r%C3%A9sum%C3%A9.png", Header(download, "Content-Disposition"));
        using var inline = await SendAsync(Gateway, HttpMethod.Head, $"ipfs/{multi}?filename=data.txt");
        Assert.Equal("inline; filename=\"data.txt\"", Header(inline, "Content-Disposition"));
        Assert.Equal("text/plain; charset=utf-8", Header(inline, "Content-Type"));
        output.WriteLine($"{clock.ElapsedMilliseconds,6} ms  types by extension and by sniffing; Content-Disposition for filename and download");
    }

    [Theory]
    [InlineData("bytes=0-0", 0L, 1L)]
    [InlineData("bytes=262140-262150", 262_140L, 11L)] // across the first chunk's end
    [InlineData("bytes=1000000-", 1_000_000L, 60_921L)]
    [InlineData("bytes=-500", 1_060_421L, 500L)]
    [InlineData("bytes=1048000-9999999", 1_048_000L, 12_921L)] // clipped to the end
    public async Task Get_SingleRange_206WithExactBytes(string range, long start, long count)
    {
        var content = Site.Files["plain/multi-block.bin"];
        using var response = await GetAsync(Gateway, Site.PathOf("plain/multi-block.bin"), ("Range", range));
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes {start}-{start + count - 1}/{content.Length}", Header(response, "Content-Range"));
        Assert.Equal(content.AsSpan((int)start, (int)count).ToArray(), await response.Content.ReadAsByteArrayAsync());
        output.WriteLine($"{range}: 206, {count} exact bytes from {start}");
    }

    [Fact]
    public async Task Get_RangePastEndOrSeveral_416OrWholeFile()
    {
        var content = Site.Files["plain/multi-block.bin"];
        using var past = await GetAsync(Gateway, Site.PathOf("plain/multi-block.bin"), ("Range", $"bytes={content.Length}-"));
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, past.StatusCode);
        Assert.Equal($"bytes */{content.Length}", Header(past, "Content-Range"));
        using var several = await GetAsync(Gateway, Site.PathOf("plain/multi-block.bin"), ("Range", "bytes=0-1,5-6"));
        Assert.Equal(HttpStatusCode.OK, several.StatusCode);
        Assert.Equal(content, await several.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_Raw_ExactBlockTrustlessHeaders()
    {
        var file = await Site.CidOfAsync("plain/multi-block.bin");
        var block = await Site.Blocks.GetRequiredAsync(file);
        foreach (var (path, headers, location) in new[]
        {
            ($"ipfs/{file}?format=raw", Array.Empty<(string, string)>(), ""),
            ($"ipfs/{file}", new[] { ("Accept", "application/vnd.ipld.raw") }, $"/ipfs/{file}?format=raw"),
        })
        {
            using var response = await GetAsync(Gateway, path, headers);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(block.Data.ToArray(), await response.Content.ReadAsByteArrayAsync());
            Assert.Equal("application/vnd.ipld.raw", Header(response, "Content-Type"));
            Assert.Equal($"attachment; filename=\"{file}.bin\"", Header(response, "Content-Disposition"));
            Assert.Equal($"\"{file}.raw\"", Header(response, "ETag"));
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal(Immutable, Header(response, "Cache-Control"));
            Assert.Equal(location, Header(response, "Content-Location"));
        }

        // The probe path of the trustless gateway spec: the empty identity CID.
        using var probe = await GetAsync(Gateway, "ipfs/bafkqaaa?format=raw", ("Accept", "application/vnd.ipld.raw"));
        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        Assert.Empty(await probe.Content.ReadAsByteArrayAsync());
        using var probeCar = await GetAsync(Gateway, "ipfs/bafkqaaa?format=car");
        var (roots, blocks) = await ReadCarAsync(probeCar);
        Assert.Equal(["bafkqaaa"], roots.Select(r => r.ToString()));
        Assert.Empty(blocks); // identity blocks never go into a CAR
    }

    [Fact]
    public async Task Get_Car_ScopesRangesAndPathsSelectTheSpecsBlocks()
    {
        var clock = Stopwatch.StartNew();
        var multi = await Site.CidOfAsync("plain/multi-block.bin");
        var leaves = DagPbCodec.Decode((await Site.Blocks.GetRequiredAsync(multi)).Data).Links.Select(l => l.Hash).ToList();
        Assert.Equal(5, leaves.Count); // 4 full chunks of 256 KiB and the rest

        using var all = await GetAsync(Gateway, $"ipfs/{multi}?format=car");
        Assert.Equal("application/vnd.ipld.car; version=1; order=dfs; dups=n", Header(all, "Content-Type"));
        Assert.Equal($"attachment; filename=\"{multi}.car\"", Header(all, "Content-Disposition"));
        Assert.StartsWith($"\"{multi}.car.", Header(all, "ETag"), StringComparison.Ordinal);
        Assert.Equal([multi, .. leaves], (await ReadCarAsync(all)).Blocks);

        async Task<List<Cid>> BlocksAsync(string query, params (string, string)[] headers)
        {
            using var response = await GetAsync(Gateway, $"ipfs/{multi}?{query}", headers);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await ReadCarAsync(response)).Blocks;
        }

        Assert.Equal([multi], await BlocksAsync("format=car&dag-scope=block"));
        Assert.Equal([multi, .. leaves], await BlocksAsync("format=car&dag-scope=entity"));
        Assert.Equal([multi, leaves[0]], await BlocksAsync("format=car&entity-bytes=0:0"));
        Assert.Equal([multi, leaves[0], leaves[1]], await BlocksAsync("format=car&entity-bytes=262143:262144"));
        Assert.Equal([multi, leaves[4]], await BlocksAsync("format=car&entity-bytes=-500:*"));
        Assert.Equal([multi, leaves[1], leaves[2], leaves[3]], await BlocksAsync("format=car&entity-bytes=300000:-60000"));
        Assert.Equal([multi, .. leaves], await BlocksAsync("", ("Accept", "application/vnd.ipld.car; version=1; order=dfs; dups=n")));
        output.WriteLine($"{clock.ElapsedMilliseconds,6} ms  CAR of a 5-leaf file: all, block, entity and four entity-bytes ranges select the spec's blocks");

        // A path: the blocks that prove it come first, then the entity; the header's root is the CID of the URL.
        using var pathCar = await GetAsync(Gateway, Site.PathOf("plain/a b.txt") + "?format=car");
        var (roots, blocks) = await ReadCarAsync(pathCar);
        Assert.Equal([Site.Root], roots);
        Assert.Equal([Site.Root, Site.Plain, await Site.CidOfAsync("plain/a b.txt")], blocks);
        using var directory = await GetAsync(Gateway, $"ipfs/{Site.Plain}?format=car&dag-scope=entity");
        Assert.Equal([Site.Plain], (await ReadCarAsync(directory)).Blocks);
        output.WriteLine($"{clock.ElapsedMilliseconds,6} ms  CAR of a path: root, directory, file; a directory's entity is its own block");
    }
}
