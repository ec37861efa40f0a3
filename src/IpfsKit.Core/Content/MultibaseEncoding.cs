namespace IpfsKit.Content;

/// <summary>The multibase encodings IpfsKit reads and writes; each value is its one-character prefix.</summary>
public enum MultibaseEncoding
{
    /// <summary>base16, lower case (<c>f</c>).</summary>
    Base16 = 'f',

    /// <summary>base16, upper case (<c>F</c>).</summary>
    Base16Upper = 'F',

    /// <summary>RFC 4648 base32, lower case, no padding (<c>b</c>); the default for CIDv1.</summary>
    Base32 = 'b',

    /// <summary>RFC 4648 base32, upper case, no padding (<c>B</c>).</summary>
    Base32Upper = 'B',

    /// <summary>base36, lower case (<c>k</c>); used for IPNS keys in subdomains.</summary>
    Base36 = 'k',

    /// <summary>base36, upper case (<c>K</c>).</summary>
    Base36Upper = 'K',

    /// <summary>Bitcoin base58 (<c>z</c>); CIDv0 is base58btc without the prefix.</summary>
    Base58Btc = 'z',

    /// <summary>RFC 4648 base64, no padding (<c>m</c>).</summary>
    Base64 = 'm',

    /// <summary>RFC 4648 URL-safe base64, no padding (<c>u</c>).</summary>
    Base64Url = 'u',

    /// <summary>RFC 4648 URL-safe base64 with padding (<c>U</c>).</summary>
    Base64UrlPad = 'U',
}
