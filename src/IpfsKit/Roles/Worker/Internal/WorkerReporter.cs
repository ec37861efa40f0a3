using IpfsKit.Roles.Coordination;
using IpfsKit.Roles.Internal;
using IpfsKit.Transports;

namespace IpfsKit.Roles.Worker.Internal;

/// <summary>A worker's report: its store's budget and free bytes, and how many pins it holds.</summary>
internal sealed class WorkerReporter : IMemberReporter
{
    public MemberKind Kind => MemberKind.Worker;

    public async Task<MemberReport> ReadAsync(IIpfsTransport local, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(local);
        var stat = await local.RepoStatAsync(cancellationToken).ConfigureAwait(false);
        var pins = 0;
        await foreach (var pin in local.ListPinsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (pin.Mode is PinMode.Recursive or PinMode.Direct)
            {
                pins++;
            }
        }

        return new MemberReport(stat.StorageMax, stat.FreeBytes, pins, 0, stat);
    }

    public void Joined(string selfId, WorkerJoinReply reply)
    {
    }
}
