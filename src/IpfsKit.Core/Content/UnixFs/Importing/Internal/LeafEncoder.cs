namespace IpfsKit.Content.UnixFs.Importing.Internal;

/// <summary>
/// Frames a chunk as a dag-pb UnixFS leaf in place: the chunk sits in a buffer with <see cref="HeaderRoom"/> bytes free
/// before it and <see cref="TrailerRoom"/> after it, and the protobuf framing is written around it, so the block is
/// hashed without copying the data.
/// </summary>
internal static class LeafEncoder
{
    public const int HeaderRoom = 16;
    public const int TrailerRoom = 12;

    /// <summary>Writes PBNode{Data = UnixFS{Type, Data = chunk, filesize}} around the chunk at <paramref name="buffer"/>[HeaderRoom..].</summary>
    /// <returns>The block's start and length within <paramref name="buffer"/>.</returns>
    public static (int Start, int Length) Frame(Span<byte> buffer, int chunkLength, UnixFsType type)
    {
        var n = (ulong)chunkLength;

        // UnixFS: 08 <type> [12 <len> <data>] 18 <filesize>; Kubo omits Data for an empty chunk.
        var trailerAt = HeaderRoom + chunkLength;
        buffer[trailerAt] = 0x18;
        var trailer = 1 + Varint.Write(buffer[(trailerAt + 1)..], n);

        Span<byte> head = stackalloc byte[HeaderRoom];
        var h = 0;
        var unixFsLength = 2 + (chunkLength > 0 ? 1 + Varint.GetLength(n) + chunkLength : 0) + trailer;
        head[h++] = 0x0A;
        h += Varint.Write(head[h..], (ulong)unixFsLength);
        head[h++] = 0x08;
        head[h++] = (byte)type;
        if (chunkLength > 0)
        {
            head[h++] = 0x12;
            h += Varint.Write(head[h..], n);
        }

        var start = HeaderRoom - h;
        head[..h].CopyTo(buffer[start..]);
        return (start, h + chunkLength + trailer);
    }
}
