using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IpfsKit.Content.UnixFs.Importing;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests;

/// <summary>Kubo's multipart directory form, written by hand: directory, file and symlink parts, Abspath headers, wrapping.</summary>
[Trait("Category", "Host")]
public sealed class KuboAddDirectoryTests(ITestOutputHelper output)
{
    private const string Boundary = "dir-boundary";

    [Fact]
    public async Task Add_DirectoryFormWithSymlinkAndWrap_LinesInKuboOrderAndImportersRoot()
    {
        await using var host = await HostProcess.StartReadyAsync();
        var body = new StringBuilder()
            .Append(Part("dir", "application/x-directory", null, ""))
            .Append(Part("dir/sub", "application/x-directory", null, ""))
            .Append(Part("dir/sub/a.txt", "application/octet-stream", "/home/someone/dir/sub/a.txt", "hello\n"))
            .Append(Part("dir/link", "application/symlink", null, "sub/a.txt"))
            .Append(Part("top.txt", "application/octet-stream", null, "top\n"))
            .Append($"--{Boundary}--\r\n");
        using var content = new StringContent(body.ToString(), Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");

        using var response = await host.Client.PostAsync(new Uri("api/v0/add?wrap-with-directory=true&cid-version=1", UriKind.Relative), content);

        var text = await response.Content.ReadAsStringAsync();
        output.WriteLine(text);
        Assert.True(response.IsSuccessStatusCode, text);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["dir/sub/a.txt", "dir/link", "top.txt", "dir/sub", "dir", ""], lines.Select(l => l.GetProperty("Name").GetString()));
        var expected = await new UnixFsImporter(null, new ImportOptions { CidVersion = 1, WrapWithDirectory = true }).AddAsync(
        [
            ImportEntry.File("dir/sub/a.txt", "hello\n"u8.ToArray()),
            ImportEntry.Symlink("dir/link", "sub/a.txt"),
            ImportEntry.File("top.txt", "top\n"u8.ToArray()),
        ]);
        Assert.Equal(expected.Cid.ToString(), lines[^1].GetProperty("Hash").GetString());
        using var pins = JsonDocument.Parse(await (await host.Client.PostAsync(new Uri("api/v0/pin/ls?type=recursive", UriKind.Relative), null)).Content.ReadAsStringAsync());
        Assert.Equal([expected.Cid.ToString()], pins.RootElement.GetProperty("Keys").EnumerateObject().Select(p => p.Name));
    }

    private static string Part(string path, string type, string? abspath, string content) =>
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{Uri.EscapeDataString(path)}\"\r\n"
        + (abspath is null ? string.Empty : $"Abspath: {abspath}\r\n")
        + $"Content-Type: {type}\r\n\r\n{content}\r\n";
}
