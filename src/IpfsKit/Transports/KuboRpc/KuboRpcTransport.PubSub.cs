using System.Runtime.CompilerServices;
using System.Text;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Http.Internal;
using IpfsKit.Transports.KuboRpc.Internal;

namespace IpfsKit.Transports.KuboRpc;

/// <content>Pubsub: pub, sub.</content>
public sealed partial class KuboRpcTransport
{
    /// <inheritdoc/>
    /// <remarks>
    /// Sends <c>pubsub/pub</c> with the topic multibase-encoded (base64url, prefix <c>u</c>: Kubo 0.11+ and js-ipfs
    /// 0.66) and the message as a multipart file part. Publishing to a topic nobody listens to succeeds, as in Kubo:
    /// js-ipfs answers that case with <c>PublishError.InsufficientPeers</c>, which is taken as delivered to no one.
    /// </remarks>
    /// <exception cref="IpfsKitRemoteException">The node answered an error (pubsub disabled included) or cannot be reached.</exception>
    public async Task PublishAsync(string topic, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        using var message = new MemoryStream(data.ToArray(), writable: false);
        using var content = new MultipartFileContent(message, string.Empty);
        Stream body;
        try
        {
            body = await _client.SendAsync(KuboRpcClient.Path("pubsub/pub", ("arg", EncodeTopic(topic))), content, cancellationToken).ConfigureAwait(false);
        }
        catch (IpfsKitRemoteException e) when (e.ErrorCode == RemoteErrorCode.InsufficientPeers)
        {
            return;
        }

        await using (body.ConfigureAwait(false))
        {
            await body.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Sends <c>pubsub/sub</c> (topic encoded as for <see cref="PublishAsync"/>) and yields each message as its NDJSON
    /// line arrives, with <c>data</c> multibase-decoded. The node's empty first line (<c>{}</c>) is skipped. The request
    /// stays open until the token is cancelled or the enumeration is disposed.
    /// </remarks>
    /// <exception cref="IpfsKitRemoteException">The node answered an error or cannot be reached, or the stream broke.</exception>
    public async IAsyncEnumerable<PubSubMessage> SubscribeAsync(string topic, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        var path = KuboRpcClient.Path("pubsub/sub", ("arg", EncodeTopic(topic)));
        await foreach (var message in _client.PostLinesAsync(path, KuboJsonContext.Default.KuboPubSubMessage, null, cancellationToken).ConfigureAwait(false))
        {
            if (message.Data is null && message.From is null)
            {
                continue;
            }

            yield return new PubSubMessage(topic, DecodeData(message.Data, path), message.From);
        }
    }

    private static string EncodeTopic(string topic) => Multibase.Encode(MultibaseEncoding.Base64Url, Encoding.UTF8.GetBytes(topic));

    private static byte[] DecodeData(string? data, string path)
    {
        if (string.IsNullOrEmpty(data))
        {
            return [];
        }

        try
        {
            return Multibase.Decode(data, out _);
        }
        catch (IpfsKitFormatException e)
        {
            throw RemoteErrors.Malformed(KuboRpcClient.Endpoint(path), System.Net.HttpStatusCode.OK, "pubsub data that is not multibase", e);
        }
    }
}
