using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;

namespace IpfsKit.Deployment.Tests.Packaging;

/// <summary>
/// The packable projects packed into a temporary local feed, and new console apps (outside the repository, so none of
/// its build files apply) that reference one packed package (<c>IpfsKit</c> for <see cref="App"/>) and
/// <c>Microsoft.Extensions.Hosting</c> through a NuGet.config adding that feed to the machine's own sources. Built once
/// per test run: the test classes that use it share it through <see cref="PackedFeedCollection"/>.
/// </summary>
/// <remarks>
/// The projects are packed with <c>--no-build</c> in the configuration this test assembly was built in: its project
/// references build them, so the packages hold exactly the code under test and packing costs seconds. Package versions
/// are read from the packed .nuspec files, never assumed. The app restores into its own packages folder, so a package
/// of the same version cached by an earlier run can never stand in for the one just packed.
/// </remarks>
public sealed class PackedFeedFixture : IAsyncLifetime
{
    private const string HostingVersion = "10.0.0";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ipfskit-packaging-");

    /// <summary>The package ids and versions found in the feed.</summary>
    public IReadOnlyDictionary<string, string> Packages { get; private set; } = new Dictionary<string, string>();

    public string Feed => Path.Combine(_folder.FullName, "feed");

    public string App => Path.Combine(_folder.FullName, "app");

    /// <summary>Wall-clock time of each set-up step, for the test log.</summary>
    public List<(string Step, TimeSpan Time)> Timings { get; } = [];

    public async Task InitializeAsync()
    {
        var configuration = typeof(PackedFeedFixture).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var projects = Directory.EnumerateFiles(Path.Combine(Repo.Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => $"\"{Repo.Relative(p)}\"");
        var filter = Path.Combine(_folder.FullName, "packable.slnf");
        var solution = Path.Combine(Repo.Root, "IpfsKit.sln");
        await File.WriteAllTextAsync(filter, $$$"""{"solution":{"path":"{{{solution}}}","projects":[{{{string.Join(',', projects)}}}]}}""");
        Timings.Add(("pack", await RunCheckedAsync("pack", "dotnet", "pack", filter, "--no-build", "-c", configuration, "-o", Feed, "-nologo")));
        Packages = Directory.EnumerateFiles(Feed, "*.nupkg").Select(ReadIdentity).ToDictionary(static p => p.Id, static p => p.Version, StringComparer.OrdinalIgnoreCase);

        Timings.Add(("restore", await CreateAppAsync(App, "IpfsKit")));
    }

    /// <summary>
    /// Creates a console app in <paramref name="folder"/> referencing the packed <paramref name="package"/> and
    /// Microsoft.Extensions.Hosting, and restores it; returns the restore time.
    /// </summary>
    public async Task<TimeSpan> CreateAppAsync(string folder, string package)
    {
        Directory.CreateDirectory(folder);
        foreach (var stop in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            await File.WriteAllTextAsync(Path.Combine(folder, stop), "<Project />\n");
        }

        await File.WriteAllTextAsync(Path.Combine(folder, "app.csproj"), $$"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{{package}}" Version="{{Packages[package]}}" />
                <PackageReference Include="Microsoft.Extensions.Hosting" Version="{{HostingVersion}}" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(folder, "NuGet.config"), $$"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{{Path.Combine(_folder.FullName, "packages")}}" /></config>
              <packageSources><add key="ipfskit-packed" value="{{Feed}}" /></packageSources>
            </configuration>
            """);
        await File.WriteAllTextAsync(Path.Combine(folder, "Program.cs"), "Console.WriteLine();\n");
        return await RunCheckedAsync("restore", "dotnet", "restore", folder);
    }

    /// <summary>A new folder for an app of the test's own, inside the fixture's temporary folder.</summary>
    public string NewAppFolder(string name) => Path.Combine(_folder.FullName, name);

    public Task DisposeAsync()
    {
        _folder.Delete(recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Builds the app with <paramref name="program"/> as its Program.cs; throws with the compiler's output if it fails.</summary>
    public async Task BuildAsync(string program)
    {
        await File.WriteAllTextAsync(Path.Combine(App, "Program.cs"), program);
        await RunCheckedAsync("build", "dotnet", "build", App, "--no-restore", "-nologo", "-clp:ErrorsOnly");
    }

    /// <summary>
    /// Publishes the app in <paramref name="folder"/> (Release, framework-dependent, the default RID) into
    /// <paramref name="output"/>, with <paramref name="program"/> as its Program.cs when given; returns the time taken.
    /// </summary>
    public async Task<TimeSpan> PublishAsync(string folder, string output, string? program = null)
    {
        if (program is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "Program.cs"), program);
        }

        return await RunCheckedAsync("publish", "dotnet", "publish", folder, "--no-restore", "-c", "Release", "-o", output, "-nologo", "-clp:ErrorsOnly");
    }

    /// <summary>Runs the last built program; its exit code and standard output.</summary>
    public Task<(int ExitCode, string Output, string Error)> RunAsync() =>
        RunProcessAsync("dotnet", Path.Combine(App, "bin", "Debug", "net10.0", "app.dll"));

    /// <summary>Runs <c>dotnet <paramref name="dll"/> <paramref name="args"/></c>; its exit code and outputs.</summary>
    public Task<(int ExitCode, string Output, string Error)> RunAsync(string dll, params string[] args) =>
        RunProcessAsync("dotnet", [dll, .. args]);

    private async Task<TimeSpan> RunCheckedAsync(string step, string file, params string[] args)
    {
        var watch = Stopwatch.StartNew();
        var (code, output, error) = await RunProcessAsync(file, args);
        if (code != 0)
        {
            throw new InvalidOperationException($"{step} failed (exit code {code}): {file} {string.Join(' ', args)}\n{output}\n{error}");
        }

        return watch.Elapsed;
    }

    private async Task<(int ExitCode, string Output, string Error)> RunProcessAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = App };
        Directory.CreateDirectory(App);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test host runs under MSBuild's environment; a child build must find its own SDK, and the program its own settings.
        foreach (var key in start.Environment.Keys.Where(static k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("IPFS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(file + " did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in 3 minutes");
        }

        return (process.ExitCode, await output, await error);
    }

    private static (string Id, string Version) ReadIdentity(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var nuspec = zip.Entries.Single(static e => e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase) && !e.FullName.Contains('/', StringComparison.Ordinal));
        using var stream = nuspec.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(static e => e.Name.LocalName == "metadata");
        return (metadata.Elements().Single(static e => e.Name.LocalName == "id").Value, metadata.Elements().Single(static e => e.Name.LocalName == "version").Value);
    }
}
