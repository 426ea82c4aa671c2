using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using DefenderConnector.Configuration;
using DefenderConnector.Decoding;
using DefenderConnector.Encoders;
using DefenderConnector.Mapping;

namespace DefenderConnector.Benchmarks;

/// <summary>
/// <c>loop [--family Device] [--format ocsf|cef|ecs|ecs-bare] [--seconds 10] [--output file]</c>: the mapping benchmark's two operations
/// in a plain loop, best-of rounds, for quick A/B runs and for attaching a profiler to a steady
/// process. Prints nanoseconds per record for the bare read and for decode + map + encode. With
/// <c>--output</c>, first writes every mapped event of the corpus as a line, so two builds can be
/// compared byte for byte (an optimization must not change a single byte).
/// </summary>
internal static class MappingLoop
{
    public static int Run(string[] args)
    {
        var family = Option(args, "--family") ?? "Device";
        var seconds = double.Parse(Option(args, "--seconds") ?? "10", CultureInfo.InvariantCulture);
        var (body, records) = MappingCorpus.Load(family);
        var output = new ArrayBufferWriter<byte>(64 * 1024);
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        // --format cef|ecs adds that encoder after the mapper, fed by the tree the mapper records, as EventBatcher does.
        // ecs-bare: ECS without ocsf.original (output.ecsOriginal: false).
        var format = Option(args, "--format") ?? "ocsf";
        var withoutOriginal = format.Equals("ecs-bare", StringComparison.OrdinalIgnoreCase);
        var encoder = EventEncoders.For(withoutOriginal ? OutputFormat.Ecs : Enum.Parse<OutputFormat>(format, ignoreCase: true), ecsOriginal: !withoutOriginal);
        var writer = new OcsfEventWriter(json, encoder.ReadsTree ? new OcsfTree() : null, encoder.ReadsJson);
        var encoded = new ArrayBufferWriter<byte>(64 * 1024);
        var origin = new RecordOrigin(RecordKind.StreamingRecord, "00000000-0000-8000-8000-000000000000", DateTimeOffset.UnixEpoch);
        long outputBytes = 0;

        long BareRead()
        {
            var reader = new Utf8JsonReader(body);
            long tokens = 0;
            while (reader.Read())
            {
                tokens++;
            }

            return tokens;
        }

        // As the pull engine: the body read and indexed once, then each record mapped from the index;
        // each event is in output when onEvent sees it.
        var message = new IndexedMessage();
        long MapAll(Action<ArrayBufferWriter<byte>>? onEvent)
        {
            message.Decode(body, out _);
            long written = 0;
            for (var record = 0; record < message.Records.Count; record++)
            {
                output.ResetWrittenCount();
                writer.Reset(output);
                message.Map(body, record, origin, writer);
                writer.Flush();
                encoded.ResetWrittenCount();
                encoder.Encode(writer.Tree, output.WrittenMemory, encoded);
                written += encoded.WrittenCount;
                onEvent?.Invoke(encoder.ReadsTree ? encoded : output);
            }

            outputBytes = written;
            return written;
        }

        long Map() => MapAll(null);

        if (Option(args, "--output") is { } path)
        {
            using var file = File.Create(path);
            MapAll(events =>
            {
                file.Write(events.WrittenSpan);
                file.WriteByte((byte)'\n');
            });
        }

        // The floor for writing: the mapped events' exact token stream replayed into the same writer,
        // names pre-encoded and strings already unescaped, as a mapper with nothing left to decide would write them.
        var tokens = new OutputTokens();
        MapAll(encoder.ReadsTree ? null : tokens.Add);
        long Replay() => tokens.Replay(output, json);
        // Raw JSON the mappers copy (unmapped objects) keeps its white space; the replay writes it compact.
        var replayed = encoder.ReadsTree ? 0 : Replay();
        if (!encoder.ReadsTree && Math.Abs(replayed - Map()) > outputBytes / 100)
        {
            throw new InvalidOperationException($"the replayed token stream writes {replayed} bytes, the mapper {outputBytes}");
        }

        var bare = Best(BareRead, seconds / 4, records);
        var write = encoder.ReadsTree ? double.NaN : Best(Replay, seconds / 4, records);
        var map = Best(Map, seconds / 2, records);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        Map();
        var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)records;
        Console.WriteLine($"{family} ({encoder.Format}): {body.Length / records} B in, {outputBytes / records} B out, {allocated:F0} B allocated per record");
        Console.WriteLine($"bare read:            {bare,8:F0} ns/record");
        Console.WriteLine($"writing the output:   {write,8:F0} ns/record ({write / bare:F2}x the bare read; with one bare read: {(write + bare) / bare:F2}x)");
        Console.WriteLine($"decode + map + encode: {map,8:F0} ns/record ({1e9 / map:F0} records/s, {body.Length / (map * records) * 1e9 / 1e6:F1} MB/s in), {map / bare:F2}x the bare read");
        return 0;
    }

    private static double Best(Func<long> operation, double seconds, int records)
    {
        var best = double.MaxValue;
        var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        long sink = 0;
        while (Stopwatch.GetTimestamp() < until)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < 10; i++)
            {
                sink += operation();
            }

            var elapsed = Stopwatch.GetElapsedTime(start).TotalNanoseconds / (10.0 * records);
            best = Math.Min(best, elapsed);
        }

        GC.KeepAlive(sink);
        return best;
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    /// <summary>The mapped events of the corpus as a replayable list of writer calls.</summary>
    private sealed class OutputTokens
    {
        private readonly List<(JsonTokenType Type, JsonEncodedText Name, byte[] Value)> _calls = [];
        private readonly List<int> _eventEnds = [];

        private readonly Dictionary<string, JsonEncodedText> _names = [];

        /// <summary>Records one mapped event's writer calls.</summary>
        public void Add(ArrayBufferWriter<byte> mapped)
        {
            var reader = new Utf8JsonReader(mapped.WrittenSpan);
            var name = default(JsonEncodedText);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    var text = reader.GetString()!;
                    if (!_names.TryGetValue(text, out name))
                    {
                        _names[text] = name = JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
                    }

                    continue;
                }

                if (reader.TokenType == JsonTokenType.String && reader.ValueIsEscaped)
                {
                    // Written escaped: copied raw, as mappers copy unmapped values.
                    _calls.Add((JsonTokenType.Number, name, [(byte)'"', .. reader.ValueSpan, (byte)'"']));
                    name = default;
                    continue;
                }

                var value = reader.TokenType switch
                {
                    JsonTokenType.String => reader.ValueSpan.ToArray(),
                    JsonTokenType.Number => reader.ValueSpan.ToArray(),
                    _ => [],
                };
                _calls.Add((reader.TokenType, name, value));
                name = default;
            }

            _eventEnds.Add(_calls.Count);
        }

        public long Replay(ArrayBufferWriter<byte> output, Utf8JsonWriter writer)
        {
            long written = 0;
            var call = 0;
            foreach (var end in _eventEnds)
            {
                output.ResetWrittenCount();
                writer.Reset(output);
                for (; call < end; call++)
                {
                    var (type, name, value) = _calls[call];
                    var named = !name.EncodedUtf8Bytes.IsEmpty;
                    switch (type)
                    {
                        case JsonTokenType.StartObject when named: writer.WriteStartObject(name); break;
                        case JsonTokenType.StartObject: writer.WriteStartObject(); break;
                        case JsonTokenType.StartArray when named: writer.WriteStartArray(name); break;
                        case JsonTokenType.StartArray: writer.WriteStartArray(); break;
                        case JsonTokenType.EndObject: writer.WriteEndObject(); break;
                        case JsonTokenType.EndArray: writer.WriteEndArray(); break;
                        case JsonTokenType.String when named: writer.WriteString(name, value); break;
                        case JsonTokenType.String: writer.WriteStringValue(value); break;
                        case JsonTokenType.Number when named: writer.WritePropertyName(name); writer.WriteRawValue(value, skipInputValidation: true); break;
                        case JsonTokenType.Number: writer.WriteRawValue(value, skipInputValidation: true); break;
                        case JsonTokenType.True or JsonTokenType.False when named: writer.WriteBoolean(name, type == JsonTokenType.True); break;
                        case JsonTokenType.True or JsonTokenType.False: writer.WriteBooleanValue(type == JsonTokenType.True); break;
                        case JsonTokenType.Null when named: writer.WriteNull(name); break;
                        case JsonTokenType.Null: writer.WriteNullValue(); break;
                    }
                }

                writer.Flush();
                written += output.WrittenCount;
            }

            return written;
        }
    }
}
