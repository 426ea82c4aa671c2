using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DefenderConnector.Checkpoints;
using DefenderConnector.Decoding;
using DefenderConnector.Mapping;
using DefenderConnector.Tests.Mapping;

namespace DefenderConnector.Tests.Decoding;

/// <summary>
/// The pipeline maps Streaming API records from the index built while the body is validated
/// (<see cref="IndexedMessage"/>); a record must come out exactly as <see cref="OcsfMapper.Map"/> writes it alone.
/// </summary>
public sealed class IndexedMessageTests
{
    private static readonly OcsfMapper Mapper = new();

    [Fact]
    public void EveryGoldenRecordMapsToTheSameBytesFromTheMessageIndex()
    {
        var records = GoldenCase.All()
            .Where(input => GoldenCase.KindOf(GoldenCase.TableOf(input)) == RecordKind.StreamingRecord)
            .Select(input => File.ReadAllText(Path.Combine(GoldenCase.OutputRoot, input)))
            .ToList();
        Assert.True(records.Count > 50, $"only {records.Count} golden records found");

        AssertSameAsAlone([.. records, records[0]]);
    }

    [Fact]
    public void EnvelopeAndPropertiesQuirksMapAsTheyDoAlone()
    {
        var many = string.Join(",", Enumerable.Range(0, 600).Select(i => $"\"Extra{i}\":{i}"));
        AssertSameAsAlone(
        [
            // Escaped envelope strings (the table routes through its unescaped name).
            """{"time":"2024-05-14T10:05:00Z","tenantId":"t\u0031","category":"AdvancedHunting-Device\u0045vents","properties":{"ActionType":"AntivirusDetection","DeviceName":"a\\b\"c"}}""",
            // A repeated properties key: the last one is the record's.
            """{"category":"AdvancedHunting-DeviceInfo","properties":{"DeviceName":"first"},"properties":{"DeviceName":"second","OSPlatform":"Windows10"}}""",
            // A repeated column: the first is placed, the second kept under unmapped.
            """{"category":"AdvancedHunting-DeviceInfo","properties":{"DeviceName":"one","DeviceName":"two"}}""",
            // Properties that are not an object, or missing; an unknown table; no category at all.
            """{"category":"AdvancedHunting-DeviceInfo","properties":"not an object"}""",
            """{"category":"AdvancedHunting-DeviceInfo"}""",
            """{"time":"2024-05-14T10:05:00Z","category":"AdvancedHunting-SomethingNew","properties":{"A":"\u00e9\t","B":[1,{"c":null}]}}""",
            """{"properties":{"Timestamp":"2024-05-14T10:05:00Z"}}""",
            // More properties than a row indexes: a Base Event with everything kept.
            "{\"category\":\"AdvancedHunting-DeviceInfo\",\"properties\":{" + many + "}}",
            // Non-string envelope values are ignored as the single-record reader ignores them.
            """{"time":5,"tenantId":{"x":1},"category":"AdvancedHunting-DeviceInfo","properties":{"DeviceName":"x"}}""",
        ]);
    }

    [Fact]
    public void ABodyThatIsNotJsonLeavesNoRecordsAndTheNextBodyDecodes()
    {
        var message = new IndexedMessage();
        // Whole records, then something no salvage can read past (a truncated record is salvaged: MessageSalvageTests).
        var broken = Encoding.UTF8.GetBytes("""{"records":[{"category":"AdvancedHunting-DeviceInfo","properties":{"DeviceName":"x"}}] trailing""");

        Assert.Equal(DeadLetterReasons.NotJson, message.Decode(broken, out var detail));
        Assert.Empty(message.Records);
        Assert.Contains("not valid JSON", detail);

        var good = Encoding.UTF8.GetBytes("""{"records":[{"category":"AdvancedHunting-DeviceInfo","properties":{"DeviceName":"x"}},7]}""");
        Assert.Null(message.Decode(good, out _));
        Assert.Single(message.Records);
        Assert.Equal([1], message.BadRecords.Select(b => b.Index));
    }

    // The body reader skips comments; a record is read by that same reader, so a comment inside one is skipped too.
    [Fact]
    public void ACommentInsideARecordIsSkippedAsAnywhereElseInTheBody()
    {
        var message = new IndexedMessage();
        var body = Encoding.UTF8.GetBytes("{\"records\":[{\"category\":\"AdvancedHunting-DeviceInfo\",/* note */\"properties\":{\"DeviceName\":\"x\"}}]}");

        Assert.Null(message.Decode(body, out _));
        var (result, json) = Write(writer => message.Map(body, 0, new RecordOrigin(RecordKind.StreamingRecord, "uid", GoldenCase.ReceivedTime), new OcsfEventWriter(writer)));
        Assert.Equal(MapStatus.Mapped, result.Status);
        Assert.Contains("\"log_name\":\"DeviceInfo\"", Encoding.UTF8.GetString(json));
    }

    private static void AssertSameAsAlone(IReadOnlyList<string> records)
    {
        var body = Encoding.UTF8.GetBytes("{\"records\":[" + string.Join(",", records) + "]}");
        var message = new IndexedMessage();
        Assert.Null(message.Decode(body, out _));
        Assert.Equal(records.Count, message.Records.Count);

        for (var i = 0; i < records.Count; i++)
        {
            var origin = new RecordOrigin(RecordKind.StreamingRecord, $"uid-{i}", GoldenCase.ReceivedTime);
            var (expectedResult, expected) = Write(writer => Mapper.Map(body.AsSpan()[message.Records[i]], origin, writer));
            var (result, actual) = Write(writer => message.Map(body, i, origin, new OcsfEventWriter(writer)));
            Assert.Equal(expectedResult, result);
            Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual));

            // Placement marks are per mapping: the same record mapped again writes the same event.
            var (_, again) = Write(writer => message.Map(body, i, origin, new OcsfEventWriter(writer)));
            Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(again));
        }
    }

    private static (MapResult Result, byte[] Json) Write(Func<Utf8JsonWriter, MapResult> map)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var result = map(writer);
        writer.Flush();
        return (result, buffer.WrittenSpan.ToArray());
    }
}
