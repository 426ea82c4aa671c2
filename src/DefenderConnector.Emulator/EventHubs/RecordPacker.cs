using System.Text;
using System.Text.Json;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>
/// Packs Defender record JSON lines into <c>{"records":[...]}</c> event bodies, as Defender's streaming
/// API does. Blank lines are skipped; a line that already is an envelope becomes its own event, in order.
/// Record lines are copied verbatim, so a malformed line reaches the consumer as it was written.
/// </summary>
internal static class RecordPacker
{
    static readonly byte[] Open = "{\"records\":["u8.ToArray();
    static readonly byte[] Close = "]}"u8.ToArray();

    public static IEnumerable<byte[]> Pack(IEnumerable<string> jsonLines, int recordsPerMessage)
    {
        ArgumentNullException.ThrowIfNull(jsonLines);
        ArgumentOutOfRangeException.ThrowIfLessThan(recordsPerMessage, 1);
        var pending = new List<string>(recordsPerMessage);
        foreach (string line in jsonLines)
        {
            string record = line.Trim();
            if (record.Length == 0) { continue; }

            if (IsEnvelope(record))
            {
                if (pending.Count > 0) { yield return Envelope(pending); }

                yield return Encoding.UTF8.GetBytes(record);
                continue;
            }

            pending.Add(record);
            if (pending.Count == recordsPerMessage) { yield return Envelope(pending); }
        }

        if (pending.Count > 0) { yield return Envelope(pending); }
    }

    static byte[] Envelope(List<string> records)
    {
        using var stream = new MemoryStream();
        stream.Write(Open);
        for (int i = 0; i < records.Count; i++)
        {
            if (i > 0) { stream.WriteByte((byte)','); }

            stream.Write(Encoding.UTF8.GetBytes(records[i]));
        }

        stream.Write(Close);
        records.Clear();
        return stream.ToArray();
    }

    /// <summary>True when the line is a JSON object whose first property is "records".</summary>
    static bool IsEnvelope(string line)
    {
        if (line[0] != '{') { return false; }

        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(line));
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject &&
                reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("records"u8);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
