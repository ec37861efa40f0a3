namespace IpfsKit.Roles.Master;

/// <content>
/// The revision of what says where blocks are: it grows after each write of a plan in force or of a stale placement, so
/// a reader that learnt the holders at one revision knows, on a miss, whether asking the pinset again can help.
/// </content>
public sealed partial class MasterPinset
{
    private long _revision;

    /// <summary>Gets the number of plan and stale-placement writes this instance has made (in memory, from 0 at open).</summary>
    internal long Revision => Volatile.Read(ref _revision);

    private void Revised() => Interlocked.Increment(ref _revision);
}
