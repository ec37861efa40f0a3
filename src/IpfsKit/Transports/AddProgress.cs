namespace IpfsKit.Transports;

/// <summary>Progress of an add.</summary>
/// <param name="Bytes">The bytes of content processed so far.</param>
public readonly record struct AddProgress(long Bytes);
