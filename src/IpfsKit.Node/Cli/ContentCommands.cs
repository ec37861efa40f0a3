using System.CommandLine;
using IpfsKit.Content.UnixFs.Reading;
using IpfsKit.Transports;

namespace IpfsKit.Node.Cli;

/// <summary><c>add [-r] PATH</c> and <c>cat PATH</c>.</summary>
internal static class ContentCommands
{
    public static Command Add(CliOptions options)
    {
        var path = new Argument<string>("path") { Description = "A file, or with -r a directory" };
        var recursive = new Option<bool>("--recursive", "-r") { Description = "Add a directory and everything under it (hidden files skipped); the root is printed last" };
        var noPin = new Option<bool>("--no-pin") { Description = "Do not pin what is added" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the CIDs, no progress" };
        var command = new Command("add", "Add a file, or a directory with -r; prints 'added <cid> <path>' for every entry, progress on stderr") { path, recursive, noPin, quiet };
        command.SetAction((result, ct) => CliApp.RunAsync(options, result, context =>
            AddAsync(context, result.GetValue(path)!, result.GetValue(recursive), !result.GetValue(noPin), result.GetValue(quiet), ct)));
        return command;
    }

    public static Command Cat(CliOptions options)
    {
        var path = CliOptions.PathArgument("The file: a CID, <cid>/a/b or /ipfs/<cid>/a/b");
        var command = new Command("cat", "Write a file's bytes to stdout") { path };
        command.SetAction((result, ct) => CliApp.RunAsync(options, result, async context =>
        {
            // The one path resolver, over the node's verified blocks; then the node streams the file.
            var cid = (await new UnixFsReader(context.Node.Kubo.AsBlockSource()).ResolveAsync(result.GetValue(path), null, ct).ConfigureAwait(false)).Cid;
            var content = await context.Node.Kubo.CatAsync(cid, cancellationToken: ct).ConfigureAwait(false);
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

    private static async Task<int> AddAsync(CliContext context, string path, bool recursive, bool pin, bool quiet, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return recursive
                ? await AddDirectoryAsync(context, full, pin, quiet, cancellationToken).ConfigureAwait(false)
                : throw new CliException($"{path} is a directory: use -r to add it and everything under it");
        }

        if (!File.Exists(full))
        {
            throw new CliException($"{path}: no such file or directory");
        }

        var progress = new ProgressBar(quiet ? TextWriter.Null : context.Error, context.InteractiveProgress && !quiet, Path.GetFileName(full), new FileInfo(full).Length, context.Time);
        AddResult added;
        try
        {
            var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (stream.ConfigureAwait(false))
            {
                var options = new AddOptions { FileName = Path.GetFileName(full), Pin = pin };
                added = await context.Node.Kubo.AddAsync(new ProgressStream(stream, progress), options, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            progress.Finish();
        }

        await context.Out.WriteLineAsync(quiet ? added.Cid.ToString() : $"added {added.Cid} {Path.GetFileName(full)}").ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> AddDirectoryAsync(CliContext context, string full, bool pin, bool quiet, CancellationToken cancellationToken)
    {
        var entries = DirectoryUpload.Enumerate(full);
        var total = entries.Where(e => !e.IsDirectory).Sum(e => new FileInfo(e.Path).Length);
        var progress = new ProgressBar(quiet ? TextWriter.Null : context.Error, context.InteractiveProgress && !quiet, entries[0].Name, total, context.Time);
        var lines = new List<(string Cid, string Name)>();
        try
        {
            await foreach (var line in DirectoryUpload.PostAsync(context.Node, entries, pin, progress, cancellationToken).ConfigureAwait(false))
            {
                lines.Add(line);
            }
        }
        finally
        {
            progress.Finish();
        }

        // After the bar: stdout and stderr may share a terminal. The node answers the root last, as `ipfs add -r` prints it.
        foreach (var (cid, name) in lines)
        {
            await context.Out.WriteLineAsync(quiet ? cid : $"added {cid} {name}").ConfigureAwait(false);
        }

        return 0;
    }
}
