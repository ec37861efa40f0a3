using System.Text;

namespace IpfsKit.Tests.Interop.PeerRig;

[Collection("IpfsPeer")]
[Trait("Category", "Interop")]
public sealed class PeerRigTests(IpfsPeerFixture fixture)
{
    [Fact]
    public async Task Id_RunningPeer_AnswersWithPeerId() =>
        Assert.False(string.IsNullOrEmpty(await fixture.Peer.IdAsync()));

    [Fact]
    public async Task Add_HelloWorld_KnownCid()
    {
        var result = await fixture.Peer.AddAsync(new MemoryStream(Encoding.ASCII.GetBytes("hello world\n")), "hello.txt");

        Assert.Equal("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o", result.Hash);
    }

    [Fact]
    public async Task BlockPutThenGet_RawBlock_SameBytes()
    {
        var bytes = Encoding.ASCII.GetBytes("a raw block for the rig " + Guid.NewGuid());

        var cid = await fixture.Peer.BlockPutAsync(bytes, "raw", 1);

        Assert.Equal(bytes, await fixture.Peer.BlockGetAsync(cid));
    }
}
