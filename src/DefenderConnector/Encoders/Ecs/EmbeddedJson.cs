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
    private static ArrayBufferWriter<byte>? t_buffer;

    public static void WriteStringValue(Utf8JsonWriter writer, ReadOnlySpan<byte> utf8)
    {
        if (utf8.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) >= 0)
        {
            writer.WriteStringValue(utf8);
            return;
        }

        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(8 * 1024);
        buffer.ResetWrittenCount();
        buffer.Write("\""u8);
        while (true)
        {
            var next = utf8.IndexOfAny(Escaped);
            if (next < 0)
            {
                buffer.Write(utf8);
                break;
            }

            buffer.Write(utf8[..next]);
            var escape = buffer.GetSpan(2);
            escape[0] = (byte)'\\';
            escape[1] = utf8[next];
            buffer.Advance(2);
            utf8 = utf8[(next + 1)..];
        }

        buffer.Write("\""u8);
        writer.WriteRawValue(buffer.WrittenSpan, skipInputValidation: true);
        if (buffer.Capacity > 1024 * 1024)
        {
            // One huge event does not pin its buffer to the thread for good.
            t_buffer = null;
        }
    }
}
