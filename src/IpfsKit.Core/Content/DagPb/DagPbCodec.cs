using System.Text;
using IpfsKit.Errors;

namespace IpfsKit.Content.DagPb;

/// <summary>
/// The dag-pb codec, written by hand because its canonical form puts Links (field 2) before Data (field 1), which a
/// generic protobuf serializer does not. Decoding is strict, as the IPLD dag-pb spec requires: no unknown fields,
/// no repeated Data, PBLink fields in order and at most once, Hash required and a valid CID. The Links may come
/// before Data (canonical) or after it (older IPFS data, which the spec says decoders should accept, as go-codec-dagpb
/// and js-dag-pb do), but not on both sides of it.
/// </summary>
/// <remarks>Thread-safe and allocation-light: encoding writes into a caller's span.</remarks>
public static class DagPbCodec
{
    private const string Subject = "dag-pb";
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Gets the encoded size of a node.</summary>
    /// <param name="node">The node.</param>
    /// <returns>Bytes.</returns>
    /// <exception cref="ArgumentException">A link name is not valid UTF-16 (it holds a lone surrogate).</exception>
    public static int GetEncodedLength(DagPbNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var length = 0;
        foreach (var link in node.Links)
        {
            var linkLength = GetLinkLength(link);
            length += 1 + Varint.GetLength((ulong)linkLength) + linkLength;
        }

        if (node.Data is { } data)
        {
            length += 1 + Varint.GetLength((ulong)data.Length) + data.Length;
        }

        return length;
    }

    /// <summary>Encodes a node in canonical form.</summary>
    /// <param name="node">The node.</param>
    /// <returns>The block bytes.</returns>
    /// <exception cref="ArgumentException">A link name is not valid UTF-16 (it holds a lone surrogate).</exception>
    public static byte[] Encode(DagPbNode node)
    {
        var bytes = new byte[GetEncodedLength(node)];
        Encode(node, bytes);
        return bytes;
    }

    /// <summary>Encodes a node in canonical form into <paramref name="destination"/>.</summary>
    /// <param name="node">The node.</param>
    /// <param name="destination">At least <see cref="GetEncodedLength"/> bytes.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentException">A link name is not valid UTF-16 (it holds a lone surrogate).</exception>
    public static int Encode(DagPbNode node, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(node);
        var at = 0;
        foreach (var link in node.Links)
        {
            destination[at++] = 0x12;
            at += Varint.Write(destination[at..], (ulong)GetLinkLength(link));
            at += WriteLink(link, destination[at..]);
        }

        if (node.Data is { } data)
        {
            destination[at++] = 0x0A;
            at += Varint.Write(destination[at..], (ulong)data.Length);
            data.Span.CopyTo(destination[at..]);
            at += data.Length;
        }

        return at;
    }

    /// <summary>Decodes a dag-pb block strictly without copying its data field.</summary>
    /// <param name="block">The block bytes, which must not change while the node is used.</param>
    /// <returns>The node; <see cref="DagPbNode.Data"/> is a slice of <paramref name="block"/>.</returns>
    /// <exception cref="IpfsKitFormatException">The bytes are not valid dag-pb.</exception>
    public static DagPbNode Decode(ReadOnlyMemory<byte> block)
    {
        var span = block.Span;
        var links = new List<DagPbLink>();
        ReadOnlyMemory<byte>? data = null;
        var linksBeforeData = false;
        var at = 0;
        while (at < span.Length)
        {
            var fieldStart = at;
            var key = Varint.ReadProtobuf(span, ref at, Subject);
            var (field, wire) = (key >> 3, key & 7);
            if (field is not (1 or 2))
            {
                throw new IpfsKitFormatException(Subject, $"unknown PBNode field {field}", fieldStart);
            }

            if (wire != 2)
            {
                throw new IpfsKitFormatException(Subject, $"PBNode field {field} has wire type {wire}, expected 2", fieldStart);
            }

            var (start, length) = ReadLengthDelimited(span, ref at);
            if (field == 1)
            {
                if (data is not null)
                {
                    throw new IpfsKitFormatException(Subject, "duplicate Data field", fieldStart);
                }

                data = block.Slice(start, length);
                linksBeforeData = links.Count > 0;
            }
            else
            {
                if (linksBeforeData)
                {
                    throw new IpfsKitFormatException(Subject, "Links on both sides of Data (fields out of order)", fieldStart);
                }

                links.Add(DecodeLink(span[..(start + length)], start));
            }
        }

        return new DagPbNode(links, data);
    }

    internal static int GetLinkLength(DagPbLink link)
    {
        var hashLength = link.Hash.ByteLength;
        var length = 1 + Varint.GetLength((ulong)hashLength) + hashLength;
        if (link.Name is { } name)
        {
            // Strict: a lone surrogate throws instead of silently becoming U+FFFD (which would change the name).
            var nameLength = StrictUtf8.GetByteCount(name);
            length += 1 + Varint.GetLength((ulong)nameLength) + nameLength;
        }

        if (link.Tsize is { } tsize)
        {
            length += 1 + Varint.GetLength(tsize);
        }

        return length;
    }

    private static int WriteLink(DagPbLink link, Span<byte> destination)
    {
        var at = 0;
        destination[at++] = 0x0A;
        at += Varint.Write(destination[at..], (ulong)link.Hash.ByteLength);
        at += link.Hash.WriteTo(destination[at..]);
        if (link.Name is { } name)
        {
            destination[at++] = 0x12;
            at += Varint.Write(destination[at..], (ulong)StrictUtf8.GetByteCount(name));
            at += StrictUtf8.GetBytes(name, destination[at..]);
        }

        if (link.Tsize is { } tsize)
        {
            destination[at++] = 0x18;
            at += Varint.Write(destination[at..], tsize);
        }

        return at;
    }

    /// <summary>Decodes the PBLink that runs from <paramref name="linkStart"/> to the end of <paramref name="span"/> (offsets stay block-relative).</summary>
    private static DagPbLink DecodeLink(ReadOnlySpan<byte> span, int linkStart)
    {
        Cid? hash = null;
        string? name = null;
        ulong? tsize = null;
        var lastField = 0UL;
        var at = linkStart;
        while (at < span.Length)
        {
            var fieldStart = at;
            var key = Varint.ReadProtobuf(span, ref at, Subject);
            var (field, wire) = (key >> 3, key & 7);
            if (field is < 1 or > 3)
            {
                throw new IpfsKitFormatException(Subject, $"unknown PBLink field {field}", fieldStart);
            }

            if (field <= lastField)
            {
                var why = field == lastField ? "duplicate" : "out of order";
                throw new IpfsKitFormatException(Subject, $"PBLink field {field} is {why}", fieldStart);
            }

            lastField = field;
            var expectedWire = field == 3 ? 0UL : 2UL;
            if (wire != expectedWire)
            {
                throw new IpfsKitFormatException(Subject, $"PBLink field {field} has wire type {wire}, expected {expectedWire}", fieldStart);
            }

            if (field == 3)
            {
                tsize = Varint.ReadProtobuf(span, ref at, Subject);
                continue;
            }

            var (start, length) = ReadLengthDelimited(span, ref at);
            var value = span.Slice(start, length);
            if (field == 1)
            {
                try
                {
                    hash = Cid.FromBytes(value);
                }
                catch (IpfsKitFormatException ex)
                {
                    throw new IpfsKitFormatException(Subject, $"PBLink Hash is not a CID: {ex.Reason}", start, ex);
                }
            }
            else
            {
                try
                {
                    name = StrictUtf8.GetString(value);
                }
                catch (DecoderFallbackException ex)
                {
                    throw new IpfsKitFormatException(Subject, "PBLink Name is not valid UTF-8", start, ex);
                }
            }
        }

        return hash is { } cid
            ? new DagPbLink(cid, name, tsize)
            : throw new IpfsKitFormatException(Subject, "PBLink without Hash", linkStart);
    }

    private static (int Start, int Length) ReadLengthDelimited(ReadOnlySpan<byte> span, ref int at)
    {
        var lengthStart = at;
        var length = Varint.ReadProtobuf(span, ref at, Subject);
        if (length > (ulong)(span.Length - at))
        {
            throw new IpfsKitFormatException(Subject, $"field length {length} runs past the end ({span.Length - at} bytes left)", lengthStart);
        }

        var start = at;
        at += (int)length;
        return (start, (int)length);
    }
}
