using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using DefenderConnector.Decoding;
using DefenderConnector.Mapping;

namespace DefenderConnector.Benchmarks;

/// <summary>
/// Decode + map + encode of one Event Hub message per family (IndexedMessage, OcsfMapper,
/// Utf8JsonWriter as RecordEncoder configures it), against a bare Utf8JsonReader pass over the same
/// bytes. One operation is one record. Run:
/// <c>dotnet run -c Release --project tests/DefenderConnector.Benchmarks -- --filter '*Mapping*' --job short</c>
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class MappingBenchmarks
{
    private readonly IndexedMessage _message = new();
    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);
    private Utf8JsonWriter _writer = null!;
    private OcsfEventWriter _events = null!;
    private byte[] _body = [];

    [Params("Device", "Email", "Identity", "Alerts", "Cloud")]
    public string Family { get; set; } = "Device";

    [GlobalSetup]
    public void Setup()
    {
        (_body, _) = MappingCorpus.Load(Family);
        _writer = new Utf8JsonWriter(_output, new JsonWriterOptions { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        _events = new OcsfEventWriter(_writer);
        if (Map() == 0)
        {
            throw new InvalidOperationException("nothing was mapped");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _writer.Dispose();

    /// <summary>The floor: reading every token of the message and nothing else.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = MappingCorpus.RecordsPerMessage)]
    public int BareRead()
    {
        var reader = new Utf8JsonReader(_body);
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    [Benchmark(OperationsPerInvoke = MappingCorpus.RecordsPerMessage)]
    public long DecodeMapEncode() => Map();

    // As the pull engine does it: the body read, validated and indexed in one pass, then each record mapped from the index.
    private long Map()
    {
        _message.Decode(_body, out _);
        long written = 0;
        var origin = new RecordOrigin(RecordKind.StreamingRecord, "00000000-0000-8000-8000-000000000000", DateTimeOffset.UnixEpoch);
        for (var record = 0; record < _message.Records.Count; record++)
        {
            _output.ResetWrittenCount();
            _writer.Reset(_output);
            _message.Map(_body, record, origin, _events);
            _writer.Flush();
            written += _output.WrittenCount;
        }

        return written;
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(new ThroughputColumn(megabytes: true), new ThroughputColumn(megabytes: false), StatisticColumn.Median);
            SummaryStyle = BenchmarkDotNet.Reports.SummaryStyle.Default.WithRatioStyle(RatioStyle.Value);

            // The generated benchmark project builds slowly on a busy machine; the default two minutes is not enough.
            WithBuildTimeout(TimeSpan.FromMinutes(10));
        }
    }
}
