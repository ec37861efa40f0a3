using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests.Gateway;

/// <summary>
/// A real browser reads the host's path gateway: headless Chromium (Debian's package, driven by npm playwright-core
/// from tests/gateway-clients/browser.mjs) renders directory listings (plain and HAMT), a site's index.html and files
/// of <see cref="GatewaySite"/>; the test reads the rendered page from the DOM and keeps each screenshot under the test
/// output folder (<c>gateway-screenshots/</c>). Fails with the install command when Chromium is missing
/// (see <see cref="GatewayClients"/>).
/// </summary>
[Trait("Category", "Gateway")]
public sealed class GatewayBrowserTests(GatewayFixture fixture, ITestOutputHelper output) : IClassFixture<GatewayFixture>
{
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "gateway-screenshots");
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private string Gateway => $"http://127.0.0.1:{fixture.Host.GatewayPort}";

    [Fact]
    public async Task Browser_DirectoryListing_ShowsEntryLinksAndItsImageLinkOpensTheImage()
    {
        var page = await OpenAsync(fixture.Site.PathOf("plain") + "/", "listing.png", "pixel.png", "listing-pixel.png");

        Assert.Equal(200, page.GetProperty("status").GetInt32());
        Assert.StartsWith("text/html", page.GetProperty("contentType").GetString(), StringComparison.Ordinal);
        Assert.Superset(Names("plain"), LinkTexts(page));
        var image = page.GetProperty("followed");
        Assert.Equal($"{Gateway}/{fixture.Site.PathOf("plain/pixel.png")}", image.GetProperty("url").GetString());
        Assert.StartsWith("image/png", image.GetProperty("contentType").GetString(), StringComparison.Ordinal);
        AssertNaturalSize(image);
    }

    [Fact]
    public async Task Browser_HamtDirectoryListing_LinksEveryEntry()
    {
        var page = await OpenAsync(fixture.Site.PathOf("sharded") + "/", "hamt-listing.png");

        Assert.Equal(200, page.GetProperty("status").GetInt32());
        Assert.Superset(Names("sharded"), LinkTexts(page));
    }

    [Fact]
    public async Task Browser_SiteFolderWithoutSlash_RedirectedAndIndexHtmlRenderedWithItsImage()
    {
        var page = await OpenAsync(fixture.Site.PathOf("site"), "site.png");

        Assert.Equal($"{Gateway}/{fixture.Site.PathOf("site")}/", page.GetProperty("url").GetString());
        Assert.Equal("index", page.GetProperty("text").GetString()!.Trim());
        AssertNaturalSize(page);
    }

    [Fact]
    public async Task Browser_ImageByCidAlone_SniffedAndDecodedAtItsNaturalSize()
    {
        var page = await OpenAsync($"ipfs/{await fixture.Site.CidOfAsync("plain/pixel.png")}", "pixel-by-cid.png");

        Assert.Equal(200, page.GetProperty("status").GetInt32());
        Assert.StartsWith("image/png", page.GetProperty("contentType").GetString(), StringComparison.Ordinal);
        AssertNaturalSize(page);
    }

    [Fact]
    public async Task Browser_TextFileByEscapedPath_ShowsItsContent()
    {
        var page = await OpenAsync(fixture.Site.PathOf("plain/ünïcode ✓.txt"), "text-file.png");

        Assert.Equal(200, page.GetProperty("status").GetInt32());
        Assert.StartsWith("text/plain", page.GetProperty("contentType").GetString(), StringComparison.Ordinal);
        Assert.Equal("unicode name", page.GetProperty("text").GetString()!.Trim());
    }

    private static HashSet<string?> LinkTexts(JsonElement page) =>
        page.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("text").GetString()).ToHashSet();

    /// <summary>The image the DOM decoded has the size written in <see cref="GatewaySite.Png"/>'s header.</summary>
    private static void AssertNaturalSize(JsonElement page)
    {
        var image = Assert.Single(page.GetProperty("images").EnumerateArray());
        Assert.Equal(BinaryPrimitives.ReadInt32BigEndian(GatewaySite.Png.AsSpan(16)), image.GetProperty("naturalWidth").GetInt32());
        Assert.Equal(BinaryPrimitives.ReadInt32BigEndian(GatewaySite.Png.AsSpan(20)), image.GetProperty("naturalHeight").GetInt32());
    }

    private HashSet<string?> Names(string folder) => fixture.Site.Files.Keys
        .Where(p => p.StartsWith(folder + "/", StringComparison.Ordinal))
        .Select(p => (string?)p[(folder.Length + 1)..].Split('/')[0])
        .ToHashSet();

    /// <summary>Opens the gateway path (and clicks a link), keeps the screenshots and checks they are PNGs at least the 800 × 600 window.</summary>
    private async Task<JsonElement> OpenAsync(string path, string screenshot, params string[] follow)
    {
        GatewayClients.RequireChromium();
        Directory.CreateDirectory(Screenshots);
        string[] shots = [Path.Combine(Screenshots, screenshot), .. follow.Length == 2 ? [Path.Combine(Screenshots, follow[1])] : Array.Empty<string>()];
        string[] args = [$"{Gateway}/{path}", shots[0], .. follow.Length == 2 ? [follow[0], shots[1]] : Array.Empty<string>()];
        foreach (var shot in shots)
        {
            File.Delete(shot);
        }

        var page = await GatewayClients.RunAsync("browser.mjs", args);
        output.WriteLine($"{_clock.Elapsed}: {path} rendered: {page}");
        foreach (var shot in shots)
        {
            var png = File.ReadAllBytes(shot);
            Assert.True(png.AsSpan(1, 3).SequenceEqual("PNG"u8), $"{shot} is not a PNG");
            Assert.InRange(BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), 800, 16_384); // the window, or a wider page
            Assert.InRange(BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)), 600, 16_384);
            output.WriteLine($"screenshot kept: {shot} ({png.Length} bytes)");
        }

        return page;
    }
}
