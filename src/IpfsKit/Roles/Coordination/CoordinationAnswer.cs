using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace IpfsKit.Roles.Coordination;

/// <summary>
/// A master's answer to one coordination call (<see cref="Master.MasterEndpoints"/>): an HTTP status and either a JSON
/// body the library writes (<see cref="WriteBodyAsync"/>), no body (204), or an error message for the host to send in
/// its error format. Immutable.
/// </summary>
public sealed class CoordinationAnswer
{
    private readonly Func<Stream, CancellationToken, Task>? _write;

    private CoordinationAnswer(int statusCode, string? contentType, Func<Stream, CancellationToken, Task>? write, string? errorMessage)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        _write = write;
        ErrorMessage = errorMessage;
    }

    /// <summary>Gets the HTTP status: 200 with a body, 204 without, 404 with <see cref="ErrorMessage"/>.</summary>
    public int StatusCode { get; }

    /// <summary>Gets the body's media type (<c>application/json</c>, with a charset when the library's serializer wrote it), or <see langword="null"/> when there is no body.</summary>
    public string? ContentType { get; }

    /// <summary>Gets why the call failed (a 404: the worker, plan or pin is not known), or <see langword="null"/> on success.</summary>
    public string? ErrorMessage { get; }

    /// <summary>Gets whether <see cref="WriteBodyAsync"/> writes anything.</summary>
    public bool HasBody => _write is not null;

    /// <summary>Writes the JSON body (nothing when <see cref="HasBody"/> is <see langword="false"/>), streamed.</summary>
    /// <param name="destination">Where the body goes (the response body); not disposed.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the body is written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="destination"/> is <see langword="null"/>.</exception>
    public Task WriteBodyAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return _write is null ? Task.CompletedTask : _write(destination, cancellationToken);
    }

    internal static CoordinationAnswer Json<T>(T value, JsonTypeInfo<T> typeInfo) =>
        new(200, "application/json; charset=utf-8", (stream, ct) => JsonSerializer.SerializeAsync(stream, value, typeInfo, ct), null);

    internal static CoordinationAnswer JsonText(string json) =>
        new(200, "application/json", (stream, ct) => stream.WriteAsync(Encoding.UTF8.GetBytes(json), ct).AsTask(), null);

    internal static CoordinationAnswer NoContent() => new(204, null, null, null);

    internal static CoordinationAnswer NotFound(string message) => new(404, null, null, message);
}
