using System.Globalization;
using System.Text;
using System.Text.Json;
using DefenderConnector.Abstractions;

namespace DefenderConnector.Host.Operations;

/// <summary><c>dead-letters</c>' output: the list, one letter with its raw bytes as text or hex, the export, the re-drive summary.</summary>
internal static class DeadLetterReport
{
    public static void WriteList(TextWriter output, IReadOnlyList<DeadLetterEntry> letters)
    {
        if (letters.Count == 0)
        {
            output.WriteLine("No open dead letters.");
            return;
        }

        output.WriteLine($"{"ID",6}  {"AT",-20}  {"SOURCE",-8}  {"PARTITION",-9}  {"SEQUENCE",10}  {"RECORD",6}  {"REASON",-18}  {"BYTES",7}  STATE");
        foreach (var l in letters)
        {
            output.WriteLine(Invariant($"{l.Id,6}  {Time(l.At),-20}  {l.Source,-8}  {Dash(l.Partition),-9}  {Dash(l.SequenceNumber),10}  {Dash(l.RecordIndex),6}  {l.Reason,-18}  {l.Raw.Length,7}  {(l.DoneAt is { } d ? "done " + Time(d) : "open")}"));
        }

        foreach (var reason in letters.Where(l => l.DoneAt is null).GroupBy(l => l.Reason).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine(Invariant($"{reason.Key}: {reason.Count()} open"));
        }
    }

    public static void WriteOne(TextWriter output, DeadLetterEntry l, bool hex)
    {
        output.WriteLine(Invariant($"id:        {l.Id}"));
        output.WriteLine($"source:    {l.Source}");
        output.WriteLine($"stream:    {l.Stream}");
        output.WriteLine($"partition: {Dash(l.Partition)}");
        output.WriteLine($"sequence:  {Dash(l.SequenceNumber)}");
        output.WriteLine($"offset:    {l.Offset ?? "-"}");
        output.WriteLine($"record:    {Dash(l.RecordIndex)}");
        output.WriteLine($"reason:    {l.Reason}");
        output.WriteLine($"detail:    {l.Detail.ReplaceLineEndings(" ")}");
        output.WriteLine($"at:        {Time(l.At)}");
        output.WriteLine($"state:     {(l.DoneAt is { } d ? "done " + Time(d) : "open")}");
        output.WriteLine(Invariant($"raw ({l.Raw.Length} bytes{(hex ? ", hex" : ", as UTF-8 text; --hex for the bytes")}):"));
        if (hex)
        {
            WriteHex(output, l.Raw.Span);
        }
        else
        {
            // Ill-formed UTF-8 shows as U+FFFD; --hex shows what the bytes really are.
            output.WriteLine(Encoding.UTF8.GetString(l.Raw.Span));
        }
    }

    /// <summary>16 bytes a line: offset, hex, and the printable ASCII characters (others as '.').</summary>
    public static void WriteHex(TextWriter output, ReadOnlySpan<byte> bytes)
    {
        for (var line = 0; line < bytes.Length; line += 16)
        {
            var chunk = bytes.Slice(line, Math.Min(16, bytes.Length - line));
            var text = new StringBuilder();
            text.Append(line.ToString("x8", CultureInfo.InvariantCulture)).Append("  ");
            for (var i = 0; i < 16; i++)
            {
                text.Append(i < chunk.Length ? chunk[i].ToString("x2", CultureInfo.InvariantCulture) + " " : "   ");
                if (i == 7)
                {
                    text.Append(' ');
                }
            }

            text.Append(" |");
            foreach (var b in chunk)
            {
                text.Append(b is >= 0x20 and < 0x7f ? (char)b : '.');
            }

            output.WriteLine(text.Append('|').ToString());
        }
    }

    /// <summary>One JSON object per line, the raw bytes in base64 (and as text when they are valid UTF-8).</summary>
    public static void WriteExport(Stream output, IReadOnlyList<DeadLetterEntry> letters)
    {
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        foreach (var l in letters)
        {
            using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                json.WriteStartObject();
                json.WriteNumber("id", l.Id);
                json.WriteString("source", l.Source);
                json.WriteString("stream", l.Stream);
                json.WriteString("partition", l.Partition);
                Optional(json, "sequenceNumber", l.SequenceNumber);
                if (l.Offset is null)
                {
                    json.WriteNull("offset");
                }
                else
                {
                    json.WriteString("offset", l.Offset);
                }

                Optional(json, "recordIndex", l.RecordIndex);
                json.WriteString("reason", l.Reason);
                json.WriteString("detail", l.Detail);
                json.WriteString("at", l.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                if (l.DoneAt is { } done)
                {
                    json.WriteString("doneAt", done.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                }
                else
                {
                    json.WriteNull("doneAt");
                }

                json.WriteBase64String("raw", l.Raw.Span);
                try
                {
                    json.WriteString("rawText", strict.GetString(l.Raw.Span));
                }
                catch (DecoderFallbackException)
                {
                    json.WriteNull("rawText");
                }

                json.WriteEndObject();
            }

            output.WriteByte((byte)'\n');
        }
    }

    public static void WriteRedrive(TextWriter output, RedriveSummary summary)
    {
        output.WriteLine(Invariant($"Re-drive: {summary.Delivered} dead letters delivered ({summary.Events} events) and marked done, {summary.StillFailing.Count} still failing, {summary.Skipped.Count} skipped."));
        foreach (var (id, why) in summary.StillFailing)
        {
            output.WriteLine(Invariant($"  {id}: still fails: {why.ReplaceLineEndings(" ")}"));
        }

        foreach (var (id, why) in summary.Skipped)
        {
            output.WriteLine(Invariant($"  {id}: skipped: {why}"));
        }
    }

    private static void Optional(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Dash(string value) => value.Length == 0 ? "-" : value;

    private static string Dash(long? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "-";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
