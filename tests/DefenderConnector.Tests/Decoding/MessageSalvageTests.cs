using System.Text;
using DefenderConnector.Checkpoints;
using DefenderConnector.Decoding;

namespace DefenderConnector.Tests.Decoding;

/// <summary>A body that is not JSON because of one bad record: the whole records are kept, only the broken parts are set aside with their bytes.</summary>
public sealed class MessageSalvageTests
{
    private static string Rec(string name) => "{\"category\":\"AdvancedHunting-DeviceInfo\",\"properties\":{\"DeviceName\":\"" + name + "\"}}";

    private static (IndexedMessage Message, string? Failure, byte[] Body) Decode(string body)
    {
        var message = new IndexedMessage();
        var bytes = Encoding.UTF8.GetBytes(body);
        return (message, message.Decode(bytes, out _), bytes);
    }

    private static List<string> Names(IndexedMessage message, byte[] body) =>
        message.Records.Select(r => Encoding.UTF8.GetString(body[r])).ToList();

    [Fact]
    public void ARawNewlineInOneRecordAndATruncatedTailLeaveTheWholeRecords()
    {
        var broken = """{"category":"AdvancedHunting-DeviceEvents","properties":{"ActionType":"PowerShellCommand","AdditionalFields":"{\"Command\":\"Get-Item""" + "\n" + """ x\"}"}}""";
        var tail = """{"category":"AdvancedHunting-DeviceInfo","properties":{"DeviceName":"cut""";
        var body = "{\"records\":[" + Rec("a") + "," + broken + "," + Rec("b") + ",7," + tail;

        var (message, failure, bytes) = Decode(body);

        Assert.Null(failure);
        Assert.Equal([Rec("a"), Rec("b")], Names(message, bytes));
        Assert.Equal([1, 3, 4], message.BadRecords.Select(b => b.Index));
        Assert.Equal([DeadLetterReasons.RecordMalformed, DeadLetterReasons.RecordNotObject, DeadLetterReasons.RecordTruncated], message.BadRecords.Select(b => b.Reason));
        Assert.Equal(broken, Encoding.UTF8.GetString(bytes[message.BadRecords[0].Bytes]));
        Assert.Equal(tail, Encoding.UTF8.GetString(bytes[message.BadRecords[2].Bytes]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void ABrokenRecordAnywhereInTheArrayIsSetAsideAlone(int at)
    {
        var records = new List<string> { Rec("a"), Rec("b"), Rec("c") };
        var broken = """{"category":"AdvancedHunting-DeviceInfo","properties":{"DeviceName":"line""" + "\r\n" + """break"}}""";
        records[at] = broken;

        var (message, failure, bytes) = Decode("{\"records\":[ " + string.Join(" , ", records) + " ]}");

        Assert.Null(failure);
        Assert.Equal(records.Where((_, i) => i != at), Names(message, bytes));
        var bad = Assert.Single(message.BadRecords);
        Assert.Equal((at, DeadLetterReasons.RecordMalformed, broken), (bad.Index, bad.Reason, Encoding.UTF8.GetString(bytes[bad.Bytes])));
    }

    [Fact]
    public void ABodyCutBetweenRecordsKeepsThemAllWithoutADeadLetterForNothing()
    {
        var (message, failure, bytes) = Decode("{\"records\":[" + Rec("a") + "," + Rec("b") + ",{\"category\":\"Adv");

        Assert.Null(failure);
        Assert.Equal([Rec("a"), Rec("b")], Names(message, bytes));
        Assert.Equal(DeadLetterReasons.RecordTruncated, Assert.Single(message.BadRecords).Reason);
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("{\"records\" [1]}")]
    [InlineData("{\"value\":[1,2")]
    [InlineData("{\"records\":[{\"a\":1}] trailing")]
    public void ABodyWithNothingToSalvageIsStillDeadLetteredWhole(string body)
    {
        var (message, failure, _) = Decode(body);

        Assert.Equal(DeadLetterReasons.NotJson, failure);
        Assert.Empty(message.Records);
    }

    [Fact]
    public void AfterASalvagedBodyTheNextBodyDecodesCleanly()
    {
        var message = new IndexedMessage();
        message.Decode(Encoding.UTF8.GetBytes("{\"records\":[" + Rec("a") + ",{\"x\":\"a\nb\"}]}"), out _);
        var good = Encoding.UTF8.GetBytes("{\"records\":[" + Rec("b") + "]}");

        Assert.Null(message.Decode(good, out _));
        Assert.Empty(message.BadRecords);
        Assert.Equal([Rec("b")], Names(message, good));
    }

    [Fact]
    public void SalvageWorksOnTheRepairedTextOfABodyWithAByteOrderMarkAndInvalidUtf8()
    {
        var message = new IndexedMessage();
        var body = new List<byte> { 0xEF, 0xBB, 0xBF };
        body.AddRange(Encoding.UTF8.GetBytes("{\"records\":[{\"category\":\"AdvancedHunting-DeviceInfo\",\"properties\":{\"DeviceName\":\"a"));
        body.Add(0xFF);
        body.AddRange(Encoding.UTF8.GetBytes("\"}},{\"x\":\"a\nb\"}," + Rec("b") + "]}"));
        var bytes = body.ToArray();

        Assert.Null(message.Decode(bytes, out _));

        var text = message.DecodedBody(bytes).ToArray();
        Assert.Equal(["{\"category\":\"AdvancedHunting-DeviceInfo\",\"properties\":{\"DeviceName\":\"a\uFFFD\"}}", Rec("b")], Names(message, text));
        var bad = Assert.Single(message.BadRecords);
        Assert.Equal((1, DeadLetterReasons.RecordMalformed, "{\"x\":\"a\nb\"}"), (bad.Index, bad.Reason, Encoding.UTF8.GetString(text[bad.Bytes])));
    }
}
