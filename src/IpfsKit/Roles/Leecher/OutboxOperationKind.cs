namespace IpfsKit.Roles.Leecher;

/// <summary>What an <see cref="OutboxOperation"/> asks the master to do.</summary>
public enum OutboxOperationKind
{
    /// <summary>Pin <see cref="OutboxOperation.Cid"/> in <see cref="OutboxOperation.PinMode"/>.</summary>
    Pin = 1,

    /// <summary>Remove the pin of <see cref="OutboxOperation.Cid"/> in <see cref="OutboxOperation.PinMode"/>.</summary>
    Unpin = 2,

    /// <summary>Publish <see cref="OutboxOperation.Payload"/> on <see cref="OutboxOperation.Topic"/>.</summary>
    Publish = 3,

    /// <summary>Add <see cref="OutboxOperation.Payload"/> as content (small payloads such as sensor readings).</summary>
    AddContent = 4,
}
