using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using IpfsKit.Http.Internal;

namespace IpfsKit.Transports.KuboRpc.Internal;

/// <summary>
/// Reads newline-delimited JSON as it streams (PipeReader, grpc-dotnet style): each line is deserialized as soon as it
/// is complete. An error line (<c>{"Message", "Type": "error"}</c>, Kubo's way to fail after HTTP 200) throws.
/// </summary>
internal static class NdjsonReader
{
    /// <summary>The longest line accepted; a node never sends one this long.</summary>
    internal const int MaxLineLength = 4 * 1024 * 1024;

    /// <summary>Yields each non-empty line of <paramref name="body"/> as a <typeparamref name="T"/>.</summary>
    internal static async IAsyncEnumerable<T> ReadAsync<T>(RemoteResponseStream body, JsonTypeInfo<T> typeInfo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(body, new StreamPipeReaderOptions(bufferSize: 16 * 1024, leaveOpen: true));
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                var items = new List<T>();
                while (TryReadLine(ref buffer, out var line))
                {
                    AddParsed(body, line, typeInfo, items);
                }

                if (result.IsCompleted)
                {
                    AddParsed(body, buffer, typeInfo, items);
                    buffer = buffer.Slice(buffer.End);
                }
                else if (buffer.Length > MaxLineLength)
                {
                    throw RemoteErrors.Malformed(body.Endpoint, body.StatusCode, $"a line longer than {MaxLineLength} bytes");
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                foreach (var item in items)
                {
                    yield return item;
                }

                if (result.IsCompleted)
                {
                    yield break;
                }
            }
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        if (buffer.PositionOf((byte)'\n') is not { } end)
        {
            line = default;
            return false;
        }

        line = buffer.Slice(0, end);
        buffer = buffer.Slice(buffer.GetPosition(1, end));
        return true;
    }

    private static void AddParsed<T>(RemoteResponseStream body, ReadOnlySequence<byte> line, JsonTypeInfo<T> typeInfo, List<T> items)
    {
        if (IsBlank(line))
        {
            return;
        }

        try
        {
            var error = Deserialize(line, KuboJsonContext.Default.KuboError);
            if (error is { Message: not null, Type: "error" })
            {
                throw RemoteErrors.Answer(body.Endpoint, body.StatusCode, KuboErrorParser.FromLine(error));
            }

            items.Add(Deserialize(line, typeInfo) ?? throw RemoteErrors.Malformed(body.Endpoint, body.StatusCode, "a null line"));
        }
        catch (JsonException e)
        {
            throw RemoteErrors.Malformed(body.Endpoint, body.StatusCode, $"a line that is not the expected JSON ({e.Message})", e);
        }
    }

    private static TValue? Deserialize<TValue>(ReadOnlySequence<byte> line, JsonTypeInfo<TValue> typeInfo)
    {
        var json = new Utf8JsonReader(line);
        return JsonSerializer.Deserialize(ref json, typeInfo);
    }

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\r' or (byte)'\t'))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
