namespace IpfsKit.Transports;

/// <summary>The kinds of pin.</summary>
public enum PinMode
{
    /// <summary>The root and every block under it are kept.</summary>
    Recursive,

    /// <summary>Only the block itself is kept.</summary>
    Direct,

    /// <summary>Kept because a recursive pin above holds it (listed only, never asked for).</summary>
    Indirect,
}
