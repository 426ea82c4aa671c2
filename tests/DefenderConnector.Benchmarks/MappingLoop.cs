using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using DefenderConnector.Decoding;
using DefenderConnector.Mapping;

namespace DefenderConnector.Benchmarks;

/// <summary>
/// <c>loop [--family Device] [--seconds 10] [--output file]</c>: the mapping benchmark's two operations
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
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var mapper = new OcsfMapper();
        var ranges = new List<Range>();
        var bad = new List<(int Index, Range Bytes)>();
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

        long Map()
        {
            ranges.Clear();
            bad.Clear();
            EnvelopeDecoder.Decode(body, ranges, bad, out _);
            long written = 0;
            foreach (var range in ranges)
            {
                output.ResetWrittenCount();
                writer.Reset(output);
                mapper.Map(body.AsSpan()[range], origin, writer);
                writer.Flush();
                written += output.WrittenCount;
            }

            outputBytes = written;
            return written;
        }

        if (Option(args, "--output") is { } path)
        {
            using var file = File.Create(path);
            ranges.Clear();
            EnvelopeDecoder.Decode(body, ranges, bad, out _);
            foreach (var range in ranges)
            {
                output.ResetWrittenCount();
                writer.Reset(output);
                mapper.Map(body.AsSpan()[range], origin, writer);
                writer.Flush();
                file.Write(output.WrittenSpan);
                file.WriteByte((byte)'\n');
            }
        }

        var bare = Best(BareRead, seconds / 4, records);
        var map = Best(Map, seconds * 3 / 4, records);
        Console.WriteLine($"{family}: {body.Length / records} B in, {outputBytes / records} B out per record");
        Console.WriteLine($"bare read:            {bare,8:F0} ns/record");
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
}
