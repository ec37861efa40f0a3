using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Xunit.Abstractions;
using static IpfsKit.Node.Tests.Gateway.GatewayHttp;

namespace IpfsKit.Node.Tests.Gateway;

/// <summary>
/// Issue 15, item 1: directories on the path gateway: a listing (names, sizes, CIDs) whose every link works, for plain
/// and HAMT-sharded directories; <c>index.html</c> served instead when present; a redirect to the trailing slash.
/// </summary>
[Trait("Category", "Gateway")]
public sealed partial class GatewayDirectoryTests(GatewayFixture fixture, ITestOutputHelper output) : IClassFixture<GatewayFixture>
{
    private HttpClient Gateway => fixture.Host.Gateway;

    private GatewaySite Site => fixture.Site;

    [Theory]
    [InlineData("plain")]
    [InlineData("sharded")]
    public async Task Get_DirectoryWithoutIndex_ListingWithWorkingLinks(string directory)
    {
        var clock = Stopwatch.StartNew();
        using var listing = await GetAsync(Gateway, Site.PathOf(directory) + "/");
        Assert.Equal(HttpStatusCode.OK, listing.StatusCode);
        Assert.Equal("text/html; charset=utf-8", Header(listing, "Content-Type"));
        Assert.Equal("public, max-age=29030400, immutable", Header(listing, "Cache-Control"));
        Assert.StartsWith("\"DirIndex-", Header(listing, "ETag"), StringComparison.Ordinal);
        var html = await listing.Content.ReadAsStringAsync();
        var rows = Row().Matches(html).Select(m => (Href: WebUtility.HtmlDecode(m.Groups[1].Value), Name: WebUtility.HtmlDecode(m.Groups[2].Value), Size: m.Groups[3].Value, Cid: m.Groups[4].Value)).ToList();
        var expected = Site.Files.Where(f => f.Key.StartsWith(directory + "/", StringComparison.Ordinal)).ToDictionary(f => f.Key[(directory.Length + 1)..], f => f.Value);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), rows.Where(r => r.Name != "..").Select(r => r.Name).Order(StringComparer.Ordinal));

        foreach (var row in rows.Where(r => r.Name != ".."))
        {
            Assert.Equal((await Site.CidOfAsync($"{directory}/{row.Name}")).ToString(), row.Cid);
            Assert.True(long.Parse(row.Size, System.Globalization.CultureInfo.InvariantCulture) >= expected[row.Name].Length, $"{row.Name}: size {row.Size}");
            using var byName = await GetAsync(Gateway, row.Href.TrimStart('/'));
            Assert.Equal(expected[row.Name], await byName.Content.ReadAsByteArrayAsync());
            using var byCid = await GetAsync(Gateway, $"ipfs/{row.Cid}");
            Assert.Equal(expected[row.Name], await byCid.Content.ReadAsByteArrayAsync());
        }

        var parent = rows.Single(r => r.Name == "..");
        using var up = await GetAsync(Gateway, parent.Href.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        Assert.Contains(">plain</a>", await up.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        output.WriteLine($"{clock.ElapsedMilliseconds,6} ms  {directory}/: {rows.Count - 1} rows with name, size and CID; every name link and CID link gives the file's bytes; .. lists the parent");
    }

    [Fact]
    public async Task Get_DirectoryWithIndexOrWithoutSlash_IndexServedOrRedirected()
    {
        using var index = await GetAsync(Gateway, Site.PathOf("site") + "/");
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal(Site.Files["site/index.html"], await index.Content.ReadAsByteArrayAsync());
        Assert.Equal("text/html; charset=utf-8", Header(index, "Content-Type"));
        Assert.Equal($"/ipfs/{Site.Root}/site", Header(index, "X-Ipfs-Path"));

        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Gateway.BaseAddress };
        using var redirect = await GetAsync(noRedirects, Site.PathOf("plain") + "?x=1");
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal($"/ipfs/{Site.Root}/plain/?x=1", redirect.Headers.Location?.OriginalString);
    }

    [GeneratedRegex("<tr><td><a href=\"([^\"]*)\">([^<]*)</a></td><td[^>]*>([0-9]*)</td><td>(?:<a href=\"/ipfs/([^\"]*)\">)?")]
    private static partial Regex Row();
}
