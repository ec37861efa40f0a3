using System.Diagnostics;
using System.Runtime.InteropServices;

namespace IpfsKit.Benchmarks;

/// <summary>
/// Runs short-lived child processes (curl, scripts) and reports the processor time of those that have ended
/// (<c>getrusage(RUSAGE_CHILDREN)</c>: user + system time of every child this process has waited for), so a benchmark
/// can count a curl call's CPU beside its own.
/// </summary>
internal static class ChildProcesses
{
    private const int RusageChildren = -1;

    /// <summary>Gets the processor time of all the child processes that have ended and been waited for so far.</summary>
    public static TimeSpan EndedProcessorTime
    {
        get
        {
            if (!OperatingSystem.IsLinux() || GetResourceUsage(RusageChildren, out var usage) != 0)
            {
                return TimeSpan.Zero;
            }

            return usage.UserTime.ToTimeSpan() + usage.SystemTime.ToTimeSpan();
        }
    }

    /// <summary>Runs a command to its end; returns its standard output, or throws with its standard error.</summary>
    public static string Run(string command, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{command} exited with {process.ExitCode}: {errors.GetAwaiter().GetResult()}");
    }

    /// <summary>Writes <paramref name="length"/> seeded pseudo-random bytes to a file, 4 MiB at a time (never the whole file in memory).</summary>
    public static async Task WriteFileAsync(string path, long length, int seed = 42)
    {
        var random = new Random(seed);
        var piece = new byte[4 * 1024 * 1024];
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
        for (long written = 0; written < length; written += piece.Length)
        {
            random.NextBytes(piece);
            await file.WriteAsync(piece.AsMemory(0, (int)Math.Min(piece.Length, length - written)));
        }
    }

    [DllImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static extern int GetResourceUsage(int who, out ResourceUsage usage);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeValue
    {
        public long Seconds;
        public long Microseconds;

        public readonly TimeSpan ToTimeSpan() => TimeSpan.FromSeconds(Seconds) + TimeSpan.FromMicroseconds(Microseconds);
    }

    /// <summary>Linux's <c>struct rusage</c> (x86-64): two timevals, then fourteen longs not read here (the size covers them).</summary>
    [StructLayout(LayoutKind.Sequential, Size = 144)]
    private struct ResourceUsage
    {
        public TimeValue UserTime;
        public TimeValue SystemTime;
    }
}
