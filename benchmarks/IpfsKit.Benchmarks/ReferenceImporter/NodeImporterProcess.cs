using System.Diagnostics;

namespace IpfsKit.Benchmarks.ReferenceImporter;

/// <summary>
/// A Node process running <c>reference-importer.mjs</c> over a file of the benchmark's bytes: the JavaScript importer
/// ipfs-unixfs-importer from <c>tests/peers/node_modules</c> and Node's SHA-256, one command line in, one answer line out.
/// </summary>
internal sealed class NodeImporterProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _dataFile;

    private NodeImporterProcess(Process process, string dataFile)
    {
        _process = process;
        _dataFile = dataFile;
    }

    /// <summary>Writes <paramref name="data"/> to a temporary file and starts Node on it; waits until it has read it.</summary>
    /// <exception cref="InvalidOperationException">No <c>node</c>, no installed <c>tests/peers/node_modules</c>, or the script failed.</exception>
    public static NodeImporterProcess Start(byte[] data)
    {
        var modules = FindNodeModules();
        var dataFile = Path.Combine(Path.GetTempPath(), $"ipfskit-bench-{Environment.ProcessId}-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(dataFile, data);
        var script = Path.Combine(AppContext.BaseDirectory, "ReferenceImporter", "reference-importer.mjs");
        var start = new ProcessStartInfo("node") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(dataFile);
        start.ArgumentList.Add(modules);
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var node = new NodeImporterProcess(process, dataFile);
        var ready = process.StandardOutput.ReadLine();
        if (ready != "ready")
        {
            node.Dispose();
            throw new InvalidOperationException($"{script} did not start (it said '{ready}'); see its standard error above.");
        }

        return node;
    }

    /// <summary>Gets the processor time Node has used so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Sends one command and waits for its answer.</summary>
    public string Run(string command)
    {
        _process.StandardInput.WriteLine(command);
        _process.StandardInput.Flush();
        var answer = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("node exited.");
        return answer.StartsWith("error ", StringComparison.Ordinal) ? throw new InvalidOperationException(answer) : answer;
    }

    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            _process.Kill();
        }

        _process.Dispose();
        File.Delete(_dataFile);
    }

    private static string FindNodeModules()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var modules = Path.Combine(folder.FullName, "tests", "peers", "node_modules");
            if (Directory.Exists(Path.Combine(modules, "ipfs-unixfs-importer")))
            {
                return modules;
            }
        }

        throw new InvalidOperationException(
            "No tests/peers/node_modules/ipfs-unixfs-importer above the benchmark; run 'npm install --no-audit --no-fund' in tests/peers first.");
    }
}
