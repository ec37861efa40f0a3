using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;

namespace IpfsKit.Node.Internal;

/// <summary>Reads a text body line by line from a <see cref="PipeReader"/>, refusing a line longer than a maximum before buffering more of it.</summary>
internal static class BodyLines
{
    /// <summary>The non-blank lines of the body, trimmed; a line longer than <paramref name="maxLineBytes"/> throws <see cref="ArgumentException"/>.</summary>
    public static async IAsyncEnumerable<string> ReadAsync(PipeReader reader, int maxLineBytes, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var lines = new List<string>();
        var number = 0;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            while (buffer.PositionOf((byte)'\n') is { } end)
            {
                Add(lines, buffer.Slice(0, end), ++number, maxLineBytes);
                buffer = buffer.Slice(buffer.GetPosition(1, end));
            }

            if (buffer.Length > maxLineBytes)
            {
                throw TooLong(buffer, number + 1, maxLineBytes);
            }

            if (result.IsCompleted)
            {
                Add(lines, buffer, ++number, maxLineBytes);
                buffer = buffer.Slice(buffer.End);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            foreach (var line in lines)
            {
                yield return line;
            }

            lines.Clear();
            if (result.IsCompleted)
            {
                yield break;
            }
        }
    }

    private static void Add(List<string> lines, ReadOnlySequence<byte> line, int number, int maxLineBytes)
    {
        if (line.Length > maxLineBytes)
        {
            throw TooLong(line, number, maxLineBytes);
        }

        if (Encoding.UTF8.GetString(line).Trim() is { Length: > 0 } text)
        {
            lines.Add(text);
        }
    }

    private static ArgumentException TooLong(ReadOnlySequence<byte> line, int number, int maxLineBytes) =>
        new($"line {number} of the body is longer than {maxLineBytes} bytes: {InputText.QuoteStart(Encoding.UTF8.GetString(line.Slice(0, Math.Min(line.Length, InputText.MaxQuoted))))}");
}
