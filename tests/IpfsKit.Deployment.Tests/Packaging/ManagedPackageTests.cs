using System.Diagnostics;
using IpfsKit.Testing.Processes;
using Xunit.Abstractions;

namespace IpfsKit.Deployment.Tests.Packaging;

/// <summary>
/// The package split of docs/packaging.md, as a new user meets it: the same program published once against the packed
/// <c>IpfsKit</c> (native SQLite included) and once against <c>IpfsKit.Managed</c> (none). The managed app talks to a
/// real node host through <c>UseKuboRpc</c>; asked for the embedded node it fails with the typed error naming the
/// package to add.
/// </summary>
[Trait("Category", "Packaging")]
[Collection(PackedFeedCollection.Name)]
public sealed class ManagedPackageTests(PackedFeedFixture feed, ITestOutputHelper output)
{
    /// <summary>The CID of <c>hello world\n</c>, as <c>ipfs add -Q</c> prints it (DESIGN.md's known vector).</summary>
    private const string HelloWorldCid = "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o";

    /// <summary>The exit code the program returns when opening storage fails with <see cref="IpfsKitStorageException"/>.</summary>
    private const int StorageErrorExit = 3;

    /// <summary><c>app kubo URL</c> adds and cats through a Kubo RPC API; <c>app embedded</c> through the embedded node.</summary>
    private const string Program = """
        using IpfsKit;
        using IpfsKit.Errors;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        var builder = Host.CreateApplicationBuilder();
        var kit = builder.Services.AddIpfsKit();
        if (args[0] == "kubo")
        {
            kit.UseKuboRpc(new Uri(args[1]));
        }
        else
        {
            kit.UseEmbeddedNode();
        }

        using var host = builder.Build();
        var ipfs = host.Services.GetRequiredService<IIpfsKit>();
        try
        {
            var added = await ipfs.AddAsync(new MemoryStream("hello world\n"u8.ToArray()));
            Console.WriteLine(added.Cid);
            await using var content = await ipfs.CatAsync(added.Cid);
            using var reader = new StreamReader(content);
            Console.Write(await reader.ReadToEndAsync());
            return 0;
        }
        catch (IpfsKitStorageException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 3;
        }
        """;

    [Fact]
    public async Task Publish_ManagedPackage_ShipsNoNativeSqlite_RunsKubo_AndNamesThePackageForTheEmbeddedNode()
    {
        foreach (var (step, time) in feed.Timings)
        {
            output.WriteLine($"set-up {step}: {time.TotalSeconds:F1} s");
        }

        var full = await PublishAsync("IpfsKit");
        var managed = await PublishAsync("IpfsKit.Managed");
        output.WriteLine($"publish size: IpfsKit {full.Bytes / 1e6:F1} MB -> IpfsKit.Managed {managed.Bytes / 1e6:F1} MB ({(full.Bytes - managed.Bytes) / 1e6:F1} MB less)");
        Assert.NotEmpty(full.NativeSqlite);
        Assert.Empty(managed.NativeSqlite);
        Assert.True(managed.Bytes < full.Bytes, $"{managed.Bytes:N0} bytes (managed) < {full.Bytes:N0} bytes (full)");

        var watch = Stopwatch.StartNew();
        await using (var peer = await HostProcess.StartReadyAsync())
        {
            output.WriteLine($"node host ready on port {peer.Port}: {watch.Elapsed.TotalSeconds:F1} s");
            watch.Restart();
            var (code, stdout, stderr) = await feed.RunAsync(managed.Dll, "kubo", $"http://127.0.0.1:{peer.Port}/");
            output.WriteLine($"IpfsKit.Managed app, kubo: exit code {code} in {watch.Elapsed.TotalSeconds:F1} s\n{stdout}");
            Assert.True(code == 0, $"exit code {code}: {stderr}");
            var lines = stdout.ReplaceLineEndings("\n").Split('\n'); // the host's default console logging is on stdout too
            Assert.Contains(HelloWorldCid, lines);
            Assert.Contains("hello world", lines);
        }

        watch.Restart();
        var (embeddedCode, embeddedOut, embeddedError) = await feed.RunAsync(managed.Dll, "embedded");
        output.WriteLine($"IpfsKit.Managed app, embedded: exit code {embeddedCode} in {watch.Elapsed.TotalSeconds:F1} s\n{embeddedOut}{embeddedError}");
        Assert.True(embeddedCode == StorageErrorExit, $"exit code {embeddedCode} (an IpfsKitStorageException returns {StorageErrorExit}): {embeddedError}");
        Assert.Contains("needs the native SQLite library", embeddedError, StringComparison.Ordinal);
        Assert.Contains("reference the package 'IpfsKit' instead of 'IpfsKit.Managed'", embeddedError, StringComparison.Ordinal);
    }

    /// <summary>Publishes <see cref="Program"/> in a new app referencing <paramref name="package"/>; what the output holds.</summary>
    private async Task<Published> PublishAsync(string package)
    {
        var folder = feed.NewAppFolder("app-" + package);
        var restore = await feed.CreateAppAsync(folder, package);
        var publishFolder = Path.Combine(folder, "publish");
        var publish = await feed.PublishAsync(folder, publishFolder, Program);
        var files = new DirectoryInfo(publishFolder).EnumerateFiles("*", SearchOption.AllDirectories).ToList();
        var native = files.Where(static f => f.Name.Contains("e_sqlite3", StringComparison.OrdinalIgnoreCase)).ToList();
        var published = new Published(Path.Combine(publishFolder, "app.dll"), files.Sum(static f => f.Length), [.. native.Select(f => Path.GetRelativePath(publishFolder, f.FullName))]);
        output.WriteLine($"{package}: restore {restore.TotalSeconds:F1} s, publish {publish.TotalSeconds:F1} s; {files.Count} files, {published.Bytes:N0} bytes; "
            + $"{native.Count} e_sqlite3 files, {native.Sum(static f => f.Length):N0} bytes");
        return published;
    }

    private sealed record Published(string Dll, long Bytes, IReadOnlyList<string> NativeSqlite);
}
