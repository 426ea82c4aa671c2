using System.Text.Json;

namespace DefenderConnector.Mapping;

/// <summary>The overloads taking UTF-8 property names (<c>"name"u8</c>).</summary>
internal sealed partial class OcsfEventWriter
{
    public void WriteStartObject(ReadOnlySpan<byte> utf8Name)
    {
        _json?.WriteStartObject(utf8Name);
        _recording?.Open(JsonValueKind.Object, Key(utf8Name));
    }

    public void WriteStartArray(ReadOnlySpan<byte> utf8Name)
    {
        _json?.WriteStartArray(utf8Name);
        _recording?.Open(JsonValueKind.Array, Key(utf8Name));
    }

    public void WriteString(ReadOnlySpan<byte> utf8Name, string? value)
    {
        _json?.WriteString(utf8Name, value);
        if (_recording is not null)
        {
            RecordString(Key(utf8Name), value);
        }
    }

    public void WriteString(ReadOnlySpan<byte> utf8Name, JsonEncodedText value)
    {
        _json?.WriteString(utf8Name, value);
        _recording?.String(Key(utf8Name), Text(value));
    }

    public void WriteString(ReadOnlySpan<byte> utf8Name, ReadOnlySpan<char> value)
    {
        _json?.WriteString(utf8Name, value);
        _recording?.String(Key(utf8Name), value);
    }

    public void WriteString(ReadOnlySpan<byte> utf8Name, ReadOnlySpan<byte> utf8Value)
    {
        _json?.WriteString(utf8Name, utf8Value);
        _recording?.String(Key(utf8Name), utf8Value);
    }

    public void WriteNumber(ReadOnlySpan<byte> utf8Name, long value)
    {
        _json?.WriteNumber(utf8Name, value);
        _recording?.Number(Key(utf8Name), value);
    }

    public void WriteBoolean(ReadOnlySpan<byte> utf8Name, bool value)
    {
        _json?.WriteBoolean(utf8Name, value);
        _recording?.Literal(Key(utf8Name), value ? JsonValueKind.True : JsonValueKind.False);
    }

}
