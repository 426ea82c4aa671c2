using System.Globalization;
using System.Text.Json;
using DefenderConnector.Abstractions;

namespace DefenderConnector.Host.Operations;

/// <summary><c>status</c>'s output: a table per source for people, or one JSON document for scripts.</summary>
internal static class StatusReport
{
    public static void WriteText(TextWriter output, IReadOnlyList<StreamStatus> rows)
    {
        if (rows.Count == 0)
        {
            output.WriteLine("No source has stored any state yet.");
            return;
        }

        foreach (var source in rows.GroupBy(r => r.Source))
        {
            var first = source.First();
            output.WriteLine(Invariant($"{source.Key}: {LastPull(first.LastPull)}"));
            if (source.Select(r => r.TailProblem).FirstOrDefault(p => p is not null) is { } problem)
            {
                output.WriteLine($"  {problem}");
            }

            output.WriteLine(Invariant($"  {"PARTITION",-10} {"CHECKPOINT",-24} {"COMMITTED",-20} {"TAIL",12} {"LAG",12}  DEAD LETTERS"));
            foreach (var row in source)
            {
                var checkpoint = row.Checkpoint is null ? "-" : row.Checkpoint.Length > 24 ? row.Checkpoint[..21] + "..." : row.Checkpoint;
                var dead = row.DeadLetters.Count == 0 ? "-" : string.Join(", ", row.DeadLetters.Select(d => Invariant($"{d.Key} {d.Value}")));
                output.WriteLine(Invariant($"  {row.Partition,-10} {checkpoint,-24} {Time(row.CheckpointAt),-20} {Number(row.Tail),12} {Number(row.Lag),12}  {dead}"));
            }
        }
    }

    public static void WriteJson(Stream output, IReadOnlyList<StreamStatus> rows)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteStartArray("streams");
        foreach (var row in rows)
        {
            json.WriteStartObject();
            json.WriteString("source", row.Source);
            json.WriteString("stream", row.Stream);
            json.WriteString("partition", row.Partition);
            WriteOptional(json, "checkpoint", row.Checkpoint);
            WriteOptional(json, "committedAt", row.CheckpointAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            WriteOptional(json, "tail", row.Tail);
            WriteOptional(json, "lag", row.Lag);
            WriteOptional(json, "tailProblem", row.TailProblem);
            if (row.LastPull is { } pull)
            {
                json.WriteStartObject("lastPull");
                json.WriteString("finishedAt", pull.FinishedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                json.WriteString("outcome", pull.Outcome);
                WriteOptional(json, "error", pull.Error);
                json.WriteNumber("events", pull.Events);
                json.WriteNumber("deadLettered", pull.DeadLettered);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("lastPull");
            }

            json.WriteStartObject("deadLetters");
            foreach (var (reason, count) in row.DeadLetters)
            {
                json.WriteNumber(reason, count);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    private static string LastPull(PullRecordSummary? pull) => pull is null
        ? "no pull recorded yet"
        : Invariant($"last pull {pull.Outcome} at {Time(pull.FinishedAt)}, {pull.Events} events, {pull.DeadLettered} dead letters") + (pull.Error is null ? string.Empty : $"; {pull.Error}");

    private static string Time(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "-";

    private static string Number(long? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "-";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, long? value)
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
}
