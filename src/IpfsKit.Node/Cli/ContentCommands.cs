using System.CommandLine;
using IpfsKit.Transports;

namespace IpfsKit.Node.Cli;

/// <summary><c>add PATH</c> and <c>cat CID</c>.</summary>
internal static class ContentCommands
{
    public static Command Add(CliOptions options)
    {
        var path = new Argument<string>("path") { Description = "A file, or a directory whose files are added one by one with their relative names" };
        var noPin = new Option<bool>("--no-pin") { Description = "Do not pin what is added" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the CIDs" };
        var command = new Command("add", "Add a file or a directory's files; prints 'added <cid> <name>', progress on stderr") { path, noPin, quiet };
        command.SetAction((result, ct) => CliApp.RunAsync(options, result, context =>
            AddAsync(context, result.GetValue(path)!, !result.GetValue(noPin), result.GetValue(quiet), ct)));
        return command;
    }

    public static Command Cat(CliOptions options)
    {
        var cid = CliOptions.CidArgument("The file's CID");
        var command = new Command("cat", "Write a file's bytes to stdout") { cid };
        command.SetAction((result, ct) => CliApp.RunAsync(options, result, async context =>
        {
            var content = await context.Node.Kubo.CatAsync(result.GetValue(cid), cancellationToken: ct).ConfigureAwait(false);
            await using (content.ConfigureAwait(false))
            {
                var stdout = context.OpenStandardOutput();
                await using (stdout.ConfigureAwait(false))
                {
                    await content.CopyToAsync(stdout, ct).ConfigureAwait(false);
                    await stdout.FlushAsync(ct).ConfigureAwait(false);
                }
            }

            return 0;
        }));
        return command;
    }

    private static async Task<int> AddAsync(CliContext context, string path, bool pin, bool quiet, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        List<(string File, string Name)> files;
        if (Directory.Exists(full))
        {
            files = [.. Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
                .Select(f => (f, Path.GetRelativePath(full, f).Replace(Path.DirectorySeparatorChar, '/')))
                .OrderBy(f => f.Item2, StringComparer.Ordinal)];
        }
        else if (File.Exists(full))
        {
            files = [(full, Path.GetFileName(full))];
        }
        else
        {
            throw new CliException($"{path}: no such file or directory");
        }

        var total = files.Sum(f => new FileInfo(f.File).Length);
        var label = files.Count == 1 ? files[0].Name : $"{files.Count} files";
        var progress = new ProgressBar(context.Error, context.InteractiveProgress, label, total, context.Time);
        var results = new List<(AddResult Result, string Name)>();
        try
        {
            foreach (var (file, name) in files)
            {
                var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
                await using (stream.ConfigureAwait(false))
                {
                    var counted = new ProgressStream(stream, progress);
                    // The leaf name only: a name with '/' would be read as a path and wrapped in its directories (Kubo's directory form).
                    var options = new AddOptions { FileName = Path.GetFileName(file), Pin = pin };
                    var added = await context.Node.Kubo.AddAsync(counted, options, cancellationToken: cancellationToken).ConfigureAwait(false);
                    results.Add((added, name));
                }
            }
        }
        finally
        {
            progress.Finish();
        }

        foreach (var (result, name) in results)
        {
            await context.Out.WriteLineAsync(quiet ? result.Cid.ToString() : $"added {result.Cid} {name}").ConfigureAwait(false);
        }

        return 0;
    }
}
