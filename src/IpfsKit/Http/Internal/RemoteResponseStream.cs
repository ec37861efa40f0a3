using System.Net;
using IpfsKit.Errors;

namespace IpfsKit.Http.Internal;

/// <summary>
/// The body of a streaming answer: reads as it arrives, maps a broken connection to
/// <see cref="RemoteErrorCode.Unreachable"/>, checks the <c>X-Stream-Error</c> trailer at the end (when the remote
/// sends one: Kubo), and disposes the <see cref="HttpResponseMessage"/> (so the connection) when disposed.
/// </summary>
internal sealed class RemoteResponseStream : Stream
{
    private const string StreamErrorTrailer = "X-Stream-Error";
    private readonly HttpResponseMessage _response;
    private readonly Stream _body;
    private readonly string _endpoint;
    private readonly Func<string, RemoteError>? _trailer;
    private readonly Func<Exception, IpfsKitRemoteException> _unreachable;
    private bool _disposed;

    /// <summary>Wraps an answer's body.</summary>
    /// <param name="response">The answer (disposed with the stream).</param>
    /// <param name="body">Its body stream.</param>
    /// <param name="endpoint">The call as errors name it.</param>
    /// <param name="trailer">Reads an <c>X-Stream-Error</c> trailer, or null when the remote sends none.</param>
    /// <param name="unreachable">Builds the error of a connection that broke mid-body (naming the remote).</param>
    internal RemoteResponseStream(HttpResponseMessage response, Stream body, string endpoint, Func<string, RemoteError>? trailer, Func<Exception, IpfsKitRemoteException> unreachable)
    {
        _response = response;
        _body = body;
        _endpoint = endpoint;
        _trailer = trailer;
        _unreachable = unreachable;
    }

    /// <inheritdoc/>
    public override bool CanRead => !_disposed;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => false;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            return Checked(_body.Read(buffer));
        }
        catch (IOException e)
        {
            throw _unreachable(e);
        }
        catch (HttpRequestException e)
        {
            throw _unreachable(e);
        }
    }

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc/>
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            return Checked(await _body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));
        }
        catch (IOException e)
        {
            throw _unreachable(e);
        }
        catch (HttpRequestException e)
        {
            throw _unreachable(e);
        }
    }

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _body.Dispose();
            _response.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>At the end of the body, a stream error sent as a trailer (Kubo's way after HTTP 200) is thrown.</summary>
    private int Checked(int read)
    {
        if (read == 0 && _trailer is not null && _response.TrailingHeaders.TryGetValues(StreamErrorTrailer, out var values)
            && string.Join(", ", values) is { Length: > 0 } trailer)
        {
            throw RemoteErrors.Answer(_endpoint, _response.StatusCode, _trailer(trailer));
        }

        return read;
    }

    /// <summary>The status of the answer (2xx: only successful answers are wrapped).</summary>
    internal HttpStatusCode StatusCode => _response.StatusCode;

    /// <summary>The endpoint, for errors found while parsing the body.</summary>
    internal string Endpoint => _endpoint;
}
