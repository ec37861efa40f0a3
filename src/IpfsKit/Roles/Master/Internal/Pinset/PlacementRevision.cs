namespace IpfsKit.Roles.Master.Internal.Pinset;

/// <summary>
/// The revision of what says where blocks are: it grows after each write of a plan in force or of a stale placement, so
/// a reader that learnt the holders at one revision knows, on a miss, whether asking the pinset again can help.
/// In memory, from 0 at open.
/// </summary>
internal sealed class PlacementRevision
{
    private long _value;

    /// <summary>Gets the number of plan and stale-placement writes made since open.</summary>
    public long Value => Volatile.Read(ref _value);

    /// <summary>Counts one more write.</summary>
    public void Revised() => Interlocked.Increment(ref _value);
}
