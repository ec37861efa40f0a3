using IpfsKit.Transports;

namespace IpfsKit.Tests.Transports;

/// <content>Pubsub.</content>
public abstract partial class TransportContractTests
{
    [Fact]
    public async Task PubSub_PublishSubscribe_RoundTrips()
    {
        var topic = "ipfskit-contract-" + Guid.NewGuid().ToString("N");
        var payload = "hello pubsub"u8.ToArray();
        if (!await SupportsAsync(TransportCapabilities.PubSub, () => Transport.PublishAsync(topic, payload)))
        {
            return;
        }

        using var cts = new CancellationTokenSource(Contract.PubSubTimeout);
        await using var messages = Transport.SubscribeAsync(topic, cts.Token).GetAsyncEnumerator(cts.Token);
        var next = messages.MoveNextAsync().AsTask();

        // A subscription becomes active some time after it is requested (at once in process, later over HTTP): publish until it arrives.
        while (!next.IsCompleted)
        {
            await Transport.PublishAsync(topic, payload, cts.Token);
            await Task.WhenAny(next, Task.Delay(100, cts.Token));
        }

        Assert.True(await next);
        Assert.Equal(topic, messages.Current.Topic);
        Assert.Equal(payload, messages.Current.Data.ToArray());

        await cts.CancelAsync();
        try
        {
            while (await messages.MoveNextAsync())
            {
                // Messages published before the cancellation may still be queued.
            }
        }
        catch (OperationCanceledException)
        {
            // Ending a subscription by cancellation surfaces as cancellation.
        }
    }
}
