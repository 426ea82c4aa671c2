using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using DefenderConnector.Configuration;
using DefenderConnector.Encoders;
using DefenderConnector.Mapping;
using DefenderConnector.Tests.Mapping;

namespace DefenderConnector.Tests.Encoders;

/// <summary>
/// Every mapping golden input and every bundled sample record (config/samples/defender-records.jsonl),
/// mapped and encoded in each format, byte for byte against <c>Corpus/corpus.&lt;format&gt;.txt</c> (one
/// event per line), recorded before the encoders stopped re-reading the OCSF JSON. UPDATE_GOLDEN=1
/// rewrites them (then review the diff).
/// </summary>
public sealed class EncodedCorpusTests
{
    [Theory]
    [InlineData("ocsf")]
    [InlineData("cef")]
    [InlineData("ecs")]
    public void EveryCorpusRecordEncodesByteForByteAsRecorded(string format)
    {
        var records = Corpus().ToArray();
        var path = Path.Combine(SourceFolder(), "Corpus", $"corpus.{format}.txt");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            // Each event after a header naming it and its length, so events holding line breaks stay exact.
            var file = new StringBuilder();
            foreach (var record in records)
            {
                var encoded = Encode(record, format);
                file.Append(CultureInfo.InvariantCulture, $"# {record.Name} {Encoding.UTF8.GetByteCount(encoded)}\n").Append(encoded).Append('\n');
            }

            File.WriteAllText(path, file.ToString(), new UTF8Encoding(false));
        }

        var expected = Recorded(File.ReadAllBytes(path));
        Assert.Equal(expected.Count, records.Length);
        for (var i = 0; i < records.Length; i++)
        {
            Assert.Equal(expected[i].Name, records[i].Name);
            var actual = Encode(records[i], format);
            Assert.True(expected[i].Encoded == actual, $"{format} of {records[i].Name} differs:\nexpected {expected[i].Encoded}\nactual   {actual}");
        }
    }

    [Fact]
    public void EcsWithoutTheOriginalIsTheSameDocumentLessOcsfOriginalWhichHoldsTheOcsfEvent()
    {
        // Without ocsf.original the mapper writes no OCSF JSON at all (only the tree): the other fields must not notice.
        foreach (var record in Corpus())
        {
            var full = JsonNode.Parse(Encode(record, "ecs"))!.AsObject();
            var bare = JsonNode.Parse(Encode(record, EventEncoders.For(OutputFormat.Ecs, ecsOriginal: false)))!.AsObject();
            var ocsf = full["ocsf"]!.AsObject();
            Assert.True(Encode(record, "ocsf") == ocsf["original"]!.GetValue<string>(), $"ocsf.original of {record.Name} is not its OCSF event.");
            ocsf.Remove("original");
            Assert.True(JsonNode.DeepEquals(full, bare), $"ECS of {record.Name} without ocsf.original differs beyond that field.");
        }
    }

    private static List<(string Name, string Encoded)> Recorded(byte[] file)
    {
        var result = new List<(string, string)>();
        var position = 0;
        while (position < file.Length)
        {
            var end = Array.IndexOf(file, (byte)'\n', position);
            var header = Encoding.UTF8.GetString(file, position, end - position);
            var space = header.LastIndexOf(' ');
            var length = int.Parse(header[(space + 1)..], CultureInfo.InvariantCulture);
            result.Add((header[2..space], Encoding.UTF8.GetString(file, end + 1, length)));
            position = end + 1 + length + 1;
        }

        return result;
    }

    internal sealed record CorpusRecord(string Name, byte[] Input, RecordKind Kind, string Uid);

    internal static IEnumerable<CorpusRecord> Corpus()
    {
        foreach (var relative in GoldenCase.All())
        {
            var table = GoldenCase.TableOf(relative);
            var name = Path.GetFileName(relative).Replace(".input.json", string.Empty, StringComparison.Ordinal);
            yield return new CorpusRecord(relative, File.ReadAllBytes(Path.Combine(GoldenCase.OutputRoot, relative)), GoldenCase.KindOf(table), $"golden-{table}-{name}");
        }

        var samples = File.ReadAllLines(Path.Combine(SourceFolder(), "..", "..", "..", "config", "samples", "defender-records.jsonl"), Encoding.UTF8);
        for (var i = 0; i < samples.Length; i++)
        {
            if (samples[i].Length > 0)
            {
                yield return new CorpusRecord($"defender-records.jsonl:{i + 1}", Encoding.UTF8.GetBytes(samples[i]), RecordKind.StreamingRecord, $"sample-{i + 1}");
            }
        }
    }

    [Theory]
    [InlineData("cef")]
    [InlineData("ecs")]
    public void TheTreeReadFromTheOcsfJsonEncodesAsTheTreeTheMapperRecorded(string format)
    {
        // Replay and hand-written events come through OcsfTreeReader; the pull path through the mapper's recording.
        var encoder = EventEncoders.For(Enum.Parse<OutputFormat>(format, ignoreCase: true));
        foreach (var record in Corpus())
        {
            var (_, ocsf) = GoldenCase.Map(record.Input, record.Kind, record.Uid);
            var output = new ArrayBufferWriter<byte>();
            encoder.Encode(ocsf, output);
            Assert.True(Encode(record, format) == Encoding.UTF8.GetString(output.WrittenSpan), $"{format} of {record.Name} differs between the recorded and the read tree.");
        }
    }

    /// <summary>Maps and encodes as the pull and replay engines do: the mapper records the tree the encoder reads.</summary>
    internal static string Encode(CorpusRecord record, string format) =>
        Encode(record, EventEncoders.For(Enum.Parse<OutputFormat>(format, ignoreCase: true)));

    private static string Encode(CorpusRecord record, IEventEncoder encoder)
    {
        var ocsf = new ArrayBufferWriter<byte>();
        var writer = new OcsfEventWriter(
            new Utf8JsonWriter(ocsf, new JsonWriterOptions { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }),
            encoder.ReadsTree ? new OcsfTree() : null,
            writeJson: encoder.ReadsJson);
        writer.Reset(ocsf);
        Mapper.Map(record.Input, new RecordOrigin(record.Kind, record.Uid, GoldenCase.ReceivedTime), writer);
        writer.Flush();
        var output = new ArrayBufferWriter<byte>();
        encoder.Encode(writer.Tree, ocsf.WrittenMemory, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static readonly OcsfMapper Mapper = new();

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
