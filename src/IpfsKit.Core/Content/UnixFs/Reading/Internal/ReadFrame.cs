namespace IpfsKit.Content.UnixFs.Reading.Internal;

/// <summary>
/// One node on a file stream's cached root-to-leaf path: the node, where its content starts in the file, and the
/// children fetched ahead of the reader (in index order). Read-ahead lives and dies with its frame, so a prefetch is
/// only ever used for the node it was started for.
/// </summary>
/// <remarks>Owned by one stream; not thread-safe.</remarks>
internal sealed class ReadFrame(UnixFsNode node, long start)
{
    private Queue<(int Index, Task<UnixFsNode> Load)>? _ahead;

    public UnixFsNode Node { get; } = node;

    /// <summary>Gets the file offset of the node's first content byte.</summary>
    public long Start { get; } = start;

    /// <summary>Gets or sets the index of the next child that read-ahead may start.</summary>
    public int NextReadAhead { get; set; }

    /// <summary>Gets how many prefetches this frame holds.</summary>
    public int Pending => _ahead?.Count ?? 0;

    public bool Covers(long position) => position >= Start && position - Start < Node.ContentSize;

    /// <summary>Queues the prefetch of child <paramref name="index"/> (indices must be queued in increasing order).</summary>
    public void Enqueue(int index, Task<UnixFsNode> load) => (_ahead ??= new()).Enqueue((index, load));

    /// <summary>
    /// Takes the prefetch of child <paramref name="index"/> if there is one. Prefetches of earlier children were
    /// skipped over (a forward seek) and are dropped; later ones stay for the reads to come.
    /// </summary>
    /// <returns>The load, or <see langword="null"/>; <paramref name="removed"/> counts the prefetches removed (taken or dropped).</returns>
    public Task<UnixFsNode>? Take(int index, out int removed)
    {
        removed = 0;
        if (_ahead is null)
        {
            return null;
        }

        while (_ahead.TryPeek(out var head) && head.Index < index)
        {
            Forget(_ahead.Dequeue().Load);
            removed++;
        }

        if (_ahead.TryPeek(out var match) && match.Index == index)
        {
            removed++;
            return _ahead.Dequeue().Load;
        }

        return null;
    }

    /// <summary>Drops every prefetch (the frame leaves the path, or the stream is disposed).</summary>
    /// <returns>How many were dropped.</returns>
    public int DropAll()
    {
        var count = Pending;
        while (_ahead is not null && _ahead.TryDequeue(out var item))
        {
            Forget(item.Load);
        }

        return count;
    }

    /// <summary>Observes a prefetch nobody will await, so its failure (block missing, cancelled) goes nowhere.</summary>
    public static void Forget(Task task) =>
        _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
