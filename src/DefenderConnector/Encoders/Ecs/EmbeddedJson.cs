using System.Buffers;
using System.Text.Json;

namespace DefenderConnector.Encoders.Ecs;

/// <summary>
/// Writes a JSON document (the OCSF event for <c>ocsf.original</c>) as one JSON string value. The
/// writer's own escaping encodes character by character once it meets a quote, and an OCSF event is
/// mostly quotes: for printable ASCII, where its relaxed encoder escapes only <c>"</c> and <c>\</c>,
/// those two are escaped here in bulk and the result written raw. Anything else (non-ASCII, control
/// characters) goes through the writer, so the bytes are the same either way.
/// </summary>
internal static class EmbeddedJson
{
    private static readonly SearchValues<byte> Escaped = SearchValues.Create("\"\\"u8);

    [ThreadStatic]
    private static byte[]? t_buffer;

    public static void WriteStringValue(Utf8JsonWriter writer, ReadOnlySpan<byte> utf8)
    {
        if (utf8.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) >= 0)
        {
            writer.WriteStringValue(utf8);
            return;
        }

        // At most two bytes per byte, and the quotes.
        var needed = (utf8.Length * 2) + 2;
        var buffer = t_buffer is { } b && b.Length >= needed ? b : new byte[Math.Max(needed, 8 * 1024)];
        var length = 0;
        buffer[length++] = (byte)'"';
        for (var next = utf8.IndexOfAny(Escaped); next >= 0; next = utf8.IndexOfAny(Escaped))
        {
            utf8[..next].CopyTo(buffer.AsSpan(length));
            length += next;
            buffer[length++] = (byte)'\\';
            buffer[length++] = utf8[next];
            utf8 = utf8[(next + 1)..];
        }

        utf8.CopyTo(buffer.AsSpan(length));
        length += utf8.Length;
        buffer[length++] = (byte)'"';
        writer.WriteRawValue(buffer.AsSpan(0, length), skipInputValidation: true);
        // One huge event does not pin its buffer to the thread for good.
        t_buffer = buffer.Length <= 1024 * 1024 ? buffer : null;
    }
}
