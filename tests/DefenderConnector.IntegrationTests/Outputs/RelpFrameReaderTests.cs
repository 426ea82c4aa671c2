using System.Text;
using DefenderConnector.Host.Outputs.Relp;

namespace DefenderConnector.IntegrationTests.Outputs;

/// <summary>RELP framing as the receiver sends it: <c>TXNR SP COMMAND SP DATALEN [SP DATA] LF</c>.</summary>
public sealed class RelpFrameReaderTests
{
    private static RelpFrameReader Reader(string wire) => new(new MemoryStream(Encoding.ASCII.GetBytes(wire)));

    [Fact]
    public async Task ReadsResponsesWithAndWithoutData()
    {
        var reader = Reader("1 rsp 6 200 OK\n0 serverclose 0\n");
        var first = await reader.ReadAsync(CancellationToken.None);
        Assert.Equal((1, "rsp", 200, "200 OK"), (first!.Txnr, first.Command, first.Status, first.Text));
        var second = await reader.ReadAsync(CancellationToken.None);
        Assert.Equal((0, "serverclose", 0), (second!.Txnr, second.Command, second.Data.Length));
        Assert.Null(await reader.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ReadsAnOpenResponseWithItsOffers()
    {
        var data = "200 OK\nrelp_version=0\nrelp_software=librelp,1.11.0\ncommands=syslog";
        var frame = await Reader($"1 rsp {data.Length} {data}\n").ReadAsync(CancellationToken.None);
        Assert.Equal(data, frame!.Text);
    }

    [Theory]
    [InlineData("1 rsp 6 200 OKX")]
    [InlineData("x rsp 6 200 OK\n")]
    [InlineData("1 rsp 3\n")]
    [InlineData("1 rsp 99 200 OK\n")]
    public async Task MalformedFramesAreRefused(string wire) =>
        await Assert.ThrowsAsync<IOException>(() => Reader(wire).ReadAsync(CancellationToken.None));
}
