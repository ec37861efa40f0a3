using System.Text;

namespace IpfsKit.Testing.Processes;

/// <summary>Reads a child process's output in the kill tests.</summary>
public static class ChildOutput
{
    /// <summary>Reads complete lines only: a line cut by the kill (no newline yet) was never acknowledged.</summary>
    public static async Task ReadLinesAsync(StreamReader reader, Action<string> onLine)
    {
        var pending = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] == '\n')
                {
                    onLine(pending.ToString().TrimEnd('\r'));
                    pending.Clear();
                }
                else
                {
                    pending.Append(buffer[i]);
                }
            }
        }
    }
}
