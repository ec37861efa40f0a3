using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests.Gateway;

/// <summary>
/// A real browser reads the host's path gateway: headless Chromium (Debian's package, driven by npm playwright-core
/// from tests/gateway-clients/browser.mjs) renders a directory listing and files, the test reads the rendered page
/// from the DOM, and keeps each screenshot under the test output folder (<c>gateway-screenshots/</c>).
/// Fails with the install command when Chromium is missing (see <see cref="GatewayClients"/>).
/// </summary>
[Trait("Category", "Gateway")]
public sealed class GatewayBrowserTests(GatewayTestTree tree, ITestOutputHelper output) : IClassFixture<GatewayTestTree>
{
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "gateway-screenshots");
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    [Fact]
    public async Task Browser_DirectoryListing_ShowsEntryLinksAndItsImageLinkOpensTheImage()
    {
        var page = await OpenAsync($"/ipfs/{tree.RootCid}/", "listing.png", "pic.png", "listing-pic.png");

        Assert.Equal(200, page.GetProperty("status").GetInt32());
        Assert.StartsWith("text/html", page.GetProperty("contentType").GetString(), StringComparison.Ordinal);
        var links = page.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("text").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "big.bin", "empty", "hello.txt", "many", "pic.png", "site", "sub", "ünï cödé.txt" }, links);
        var image = page.GetProperty("followed");
        Assert.Equal($"{tree.Gateway}/ipfs/{tree.RootCid}/pic.png", image.GetProperty("url").GetString());
        Assert.StartsWith("image/png", image.GetProperty("contentType").GetString(), StringComparison.Ordinal);
        AssertNaturalSize(image);
    }

    [Fact]
    public async Task Browser_SiteFolder_RedirectedToSlashIndexHtmlRenderedWithItsImageAndRelativeLink()
    {
        var page = await OpenAsync($"/ipfs/{tree.RootCid}/site", "site.png", "About", "site-about.png");

        Assert.Equal($"{tree.Gateway}/ipfs/{tree.RootCid}/site/", page.GetProperty("url").GetString());
        Assert.Equal("IpfsKit test site", page.GetProperty("title").GetString());
        AssertNaturalSize(page);
        var about = page.GetProperty("followed");
        Assert.Equal($"{tree.Gateway}/ipfs/{tree.RootCid}/site/pages/about.html", about.GetProperty("url").GetString());
        Assert.Equal("About", about.GetProperty("title").GetString());
        Assert.Contains("Served by the path gateway.", about.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Browser_HamtDirectoryListing_LinksEveryEntry()
    {
        var page = await OpenAsync($"/ipfs/{tree.RootCid}/many/", "hamt-listing.png");

        Assert.Equal(200, page.GetProperty("status").GetInt32());
        var links = page.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("text").GetString()).ToHashSet();
        Assert.Superset(GatewayTestTree.ManyNames.ToHashSet<string?>(), links);
    }

    [Fact]
    public async Task Browser_ImageByCidAlone_SniffedAndDecodedAtItsNaturalSize()
    {
        var page = await OpenAsync($"/ipfs/{tree.Cids["tree/pic.png"]}", "pic-by-cid.png");

        Assert.Equal(200, page.GetProperty("status").GetInt32());
        Assert.StartsWith("image/png", page.GetProperty("contentType").GetString(), StringComparison.Ordinal);
        AssertNaturalSize(page);
    }

    [Fact]
    public async Task Browser_TextFileByEscapedPath_ShowsItsContent()
    {
        var page = await OpenAsync($"/ipfs/{tree.RootCid}/{Uri.EscapeDataString("ünï cödé.txt")}", "text-file.png");

        Assert.Equal(200, page.GetProperty("status").GetInt32());
        Assert.StartsWith("text/plain", page.GetProperty("contentType").GetString(), StringComparison.Ordinal);
        Assert.Equal("names are escaped", page.GetProperty("text").GetString()!.Trim());
    }

    private static void AssertNaturalSize(JsonElement page)
    {
        var image = Assert.Single(page.GetProperty("images").EnumerateArray());
        Assert.Equal(GatewayTestTree.ImageWidth, image.GetProperty("naturalWidth").GetInt32());
        Assert.Equal(GatewayTestTree.ImageHeight, image.GetProperty("naturalHeight").GetInt32());
    }

    /// <summary>Opens the gateway path (and clicks a link), keeps the screenshots and checks they are PNGs at least the 800 × 600 window.</summary>
    private async Task<JsonElement> OpenAsync(string path, string screenshot, params string[] follow)
    {
        GatewayClients.RequireChromium();
        Directory.CreateDirectory(Screenshots);
        string[] shots = [Path.Combine(Screenshots, screenshot), .. follow.Length == 2 ? [Path.Combine(Screenshots, follow[1])] : Array.Empty<string>()];
        string[] args = [tree.Gateway + path, shots[0], .. follow.Length == 2 ? [follow[0], shots[1]] : Array.Empty<string>()];
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
