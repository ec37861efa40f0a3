namespace IpfsKit.Node.Tests;

/// <summary>Runs node or npm in a folder of JavaScript clients (KuboRpc, gateway-clients) and collects what it printed.</summary>
internal static class KuboRpcProcess
{
    public static async Task<(int Code, string Output, string Errors)> RunAsync(string file, string folder, params string[] args)
    {
        var result = await ChildProcess.RunAsync(file, args, folder, TimeSpan.FromMinutes(3));
        return (result.ExitCode, result.StandardOutput, result.StandardError);
    }
}
