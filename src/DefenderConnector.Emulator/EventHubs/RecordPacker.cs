using System.Text;
using System.Text.Json;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>
/// Packs Defender record JSON lines into <c>{"records":[...]}</c> event bodies, as Defender's streaming
/// API does. Blank lines are skipped; a line that already is an envelope becomes its own event, in order.
/// Record lines are copied verbatim, so a malformed line reaches the consumer as it was written.
/// A message is closed early when the next record would take it past the hub's maximum message size
/// (1 MB on the Standard tier), as the service would refuse it; one record larger than that is refused here.
/// </summary>
internal static class RecordPacker
{
    static readonly byte[] Open = "{\"records\":["u8.ToArray();
    static readonly byte[] Close = "]}"u8.ToArray();

    public static IEnumerable<byte[]> Pack(IEnumerable<string> jsonLines, int recordsPerMessage, long maxMessageSize = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(jsonLines);
        ArgumentOutOfRangeException.ThrowIfLessThan(recordsPerMessage, 1);
        var pending = new List<string>(Math.Min(recordsPerMessage, 1024));
        long pendingBytes = Open.Length + Close.Length;
        foreach (string line in jsonLines)
        {
            string record = line.Trim();
            if (record.Length == 0) { continue; }

            if (IsEnvelope(record))
            {
                if (pending.Count > 0) { yield return Envelope(pending); pendingBytes = Open.Length + Close.Length; }

                yield return Encoding.UTF8.GetBytes(record);
                continue;
            }

            long size = Encoding.UTF8.GetByteCount(record);
            if (Open.Length + Close.Length + size > maxMessageSize)
            {
                throw new ArgumentException($"A record of {size} bytes does not fit in one message of at most {maxMessageSize} bytes.", nameof(jsonLines));
            }

            if (pending.Count > 0 && pendingBytes + 1 + size > maxMessageSize)
            {
                yield return Envelope(pending);
                pendingBytes = Open.Length + Close.Length;
            }

            pendingBytes += size + (pending.Count > 0 ? 1 : 0);
            pending.Add(record);
            if (pending.Count == recordsPerMessage) { yield return Envelope(pending); pendingBytes = Open.Length + Close.Length; }
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
