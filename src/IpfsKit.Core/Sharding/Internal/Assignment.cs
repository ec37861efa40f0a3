namespace IpfsKit.Sharding.Internal;

/// <summary>A leaf range [First, End) of one replica on one target (by index), before it is turned into pins.</summary>
internal readonly record struct Assignment(int Target, int Replica, int First, int End);
