using IpfsKit.Content;

namespace IpfsKit.Roles.Master.Internal.Pinset;

/// <summary>The key of a pin in the master's tables: its CIDv1 string, so a CIDv0 and its CIDv1 are one pin.</summary>
internal static class PinKey
{
    /// <summary>Gets the key of <paramref name="cid"/>.</summary>
    public static string Of(Cid cid) => cid.ToV1().ToString();
}
