using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Content;
using IpfsKit.Tests.Generators;

namespace IpfsKit.Tests.Content;

/// <summary>Round trips, equality and fuzzing.</summary>
public sealed partial class CidTests
{
    [Property(Arbitrary = [typeof(ContentArbitraries)])]
    public Property ParseFormat_V1EveryBase_RoundTrips(MultibaseEncoding encoding) =>
        Prop.ForAll(ContentGen.CidV1.ToArbitrary(), cid =>
        {
            var text = cid.ToString(encoding);
            var parsed = Cid.Parse(text);
            return text[0] == (char)encoding && parsed == cid && parsed.GetHashCode() == cid.GetHashCode() && parsed.CompareTo(cid) == 0
                && parsed.Codec == cid.Codec && parsed.HashCode == cid.HashCode && parsed.Hash == cid.Hash && parsed.ToString(encoding) == text;
        });

    [Property]
    public Property ParseFormat_V0_RoundTripsAsQm() =>
        Prop.ForAll(ContentGen.CidV0.ToArbitrary(), cid =>
        {
            var text = cid.ToString();
            var parsed = Cid.Parse(text);
            return text.Length == 46 && text.StartsWith("Qm", StringComparison.Ordinal) && parsed == cid && parsed.Version == 0
                && text == cid.ToString(MultibaseEncoding.Base58Btc);
        });

    [Property(Arbitrary = [typeof(ContentArbitraries)])]
    public bool ToString_V0InAnyBaseButBase58_ThrowsInvalidOperation(MultibaseEncoding encoding)
    {
        var v0 = Cid.Compute(Multicodec.DagPb, [(byte)encoding], 0);
        if (encoding == MultibaseEncoding.Base58Btc)
        {
            return v0.ToString(encoding) == v0.ToString();
        }

        Assert.Throws<InvalidOperationException>(() => v0.ToString(encoding));
        return true;
    }

    [Property(Arbitrary = [typeof(ContentArbitraries)])]
    public bool Bytes_RoundTrip(Cid cid)
    {
        var bytes = cid.ToBytes();
        var read = Cid.Read([.. bytes, 0x01, 0x02], out var length);
        return Cid.FromBytes(bytes) == cid && read == cid && length == bytes.Length && bytes.Length == cid.ByteLength
            && Cid.FromBytes(cid.ToV1().ToBytes()).Version == 1;
    }

    [Property(Arbitrary = [typeof(ContentArbitraries)])]
    public bool ToV1_KeepsCodecAndHash(Cid cid)
    {
        var v1 = cid.ToV1();
        return v1.Version == 1 && v1.Codec == cid.Codec && v1.Hash == cid.Hash && (cid.Version == 1) == (v1 == cid);
    }

    [Property(Arbitrary = [typeof(ContentArbitraries)])]
    public bool Equality_HashCodeAndOrder_AgreeWithBytes(Cid a, Cid b)
    {
        var bytesEqual = a.ToBytes().AsSpan().SequenceEqual(b.ToBytes());
        var order = Math.Sign(a.ToBytes().AsSpan().SequenceCompareTo(b.ToBytes()));
        return (a == b) == bytesEqual && a.Equals(b) == bytesEqual && a.Equals((object)b) == bytesEqual && (a != b) != bytesEqual
            && (!bytesEqual || a.GetHashCode() == b.GetHashCode())
            && Math.Sign(a.CompareTo(b)) == order && Math.Sign(b.CompareTo(a)) == -order
            && (a < b) == (order < 0) && (a > b) == (order > 0) && (a <= b) == (order <= 0) && (a >= b) == (order >= 0);
    }

    [Property(Arbitrary = [typeof(ContentArbitraries)])]
    public bool Equality_CopyFromText_IsEqualAndHashesAlike(Cid cid)
    {
        var copy = Cid.Parse(cid.ToString());
        var set = new HashSet<Cid> { cid };
        return copy == cid && copy.GetHashCode() == cid.GetHashCode() && set.Contains(copy);
    }

    [Property]
    public bool FromBytes_RandomBytes_ValueOrTypedError(byte[] random) => Fuzz.EndsTyped(() => Cid.FromBytes(random));

    [Property]
    public Property FromBytes_MutatedValidCids_ValueOrTypedError() =>
        Prop.ForAll(ContentGen.MutatedRepeatedly(ContentGen.Cid.Select(c => c.ToBytes())).ToArbitrary(), bytes =>
            Fuzz.EndsTyped(() =>
            {
                var cid = Cid.FromBytes(bytes);
                Assert.Equal(bytes, cid.ToBytes());
                Assert.Equal(cid, Cid.Parse(cid.ToString())); // anything accepted can be written and read back
            }));

    [Property]
    public bool Parse_RandomStrings_ValueOrTypedError(string? text) => Fuzz.EndsTyped(() => Cid.Parse(text ?? string.Empty));

    [Property]
    public Property Parse_MutatedTextInEveryBase_ValueOrTypedErrorAndCanonical() =>
        Prop.ForAll(ContentGen.MutatedText(CidText).ToArbitrary(), text =>
            Fuzz.EndsTyped(() =>
            {
                var cid = Cid.Parse(text);

                // One text form per CID and base: whatever is accepted is exactly what IpfsKit would write.
                var written = cid.Version == 0 ? cid.ToString() : cid.ToString((MultibaseEncoding)text[0]);
                Assert.Equal(text, written);
            }));

    [Property]
    public Property Parse_RandomBytesInEveryBase_ValueOrTypedError() =>
        Prop.ForAll(ContentGen.Encoding.ToArbitrary(), ContentGen.Bytes(60).ToArbitrary(), (encoding, bytes) =>
            Fuzz.EndsTyped(() => Cid.Parse(Multibase.Encode(encoding, bytes))));

    private static Gen<string> CidText =>
        from cid in ContentGen.Cid
        from encoding in ContentGen.Encoding
        select cid.Version == 0 ? cid.ToString() : cid.ToString(encoding);
}
