using System.Text;
using DefenderConnector.Checkpoints;
using DefenderConnector.Decoding;

namespace DefenderConnector.Tests.Decoding;

public sealed class EnvelopeDecoderTests
{
    private static (string? Failure, List<string> Records, List<(int, string)> Bad) Decode(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var records = new List<Range>();
        var bad = new List<(int Index, Range Bytes)>();
        var failure = EnvelopeDecoder.Decode(bytes, records, bad, out _);
        return (failure,
            records.Select(r => Encoding.UTF8.GetString(bytes[r])).ToList(),
            bad.Select(b => (b.Index, Encoding.UTF8.GetString(bytes[b.Bytes]))).ToList());
    }

    [Fact]
    public void SplitsRecordsKeepingTheirExactBytes()
    {
        var (failure, records, bad) = Decode("""{"other":[1,{"records":[]}],"records":[{"a":1},  {"b":{"records":2}} ]}""");

        Assert.Null(failure);
        Assert.Equal(["""{"a":1}""", """{"b":{"records":2}}"""], records);
        Assert.Empty(bad);
    }

    [Theory]
    [InlineData("not json at all", DeadLetterReasons.NotJson)]
    [InlineData("""{"records":[{"a":1},{"b":""", DeadLetterReasons.NotJson)]
    [InlineData("""{"records":[{"a":1}]} trailing""", DeadLetterReasons.NotJson)]
    [InlineData("""{"value":[{"a":1}]}""", DeadLetterReasons.NoRecordsArray)]
    [InlineData("""{"records":{"a":1}}""", DeadLetterReasons.NoRecordsArray)]
    [InlineData("""[{"a":1}]""", DeadLetterReasons.NoRecordsArray)]
    [InlineData("", DeadLetterReasons.EmptyBody)]
    [InlineData("  \n", DeadLetterReasons.EmptyBody)]
    public void MessagesThatCannotBeSplitAreRejectedWhole(string body, string reason)
    {
        var (failure, records, bad) = Decode(body);

        Assert.Equal(reason, failure);
        Assert.Empty(records);
        Assert.Empty(bad);
    }

    [Fact]
    public void ElementsThatAreNotObjectsAreSetAsideWithTheirIndex()
    {
        var (failure, records, bad) = Decode("""{"records":[{"a":1},"text",null,{"b":2}]}""");

        Assert.Null(failure);
        Assert.Equal(["""{"a":1}""", """{"b":2}"""], records);
        Assert.Equal([(1, "\"text\""), (2, "null")], bad);
    }
}
