using System.Text.Json;
using DefenderConnector.Encoders;

namespace DefenderConnector.Mapping;

/// <summary>The overloads taking property names as strings (names built at run time, base events).</summary>
internal sealed partial class OcsfEventWriter
{
    public void WriteStartObject(string name)
    {
        _json?.WriteStartObject(name);
        _recording?.Open(JsonValueKind.Object, Key(name));
    }

    public void WriteStartArray(string name)
    {
        _json?.WriteStartArray(name);
        _recording?.Open(JsonValueKind.Array, Key(name));
    }

    public void WritePropertyName(string name)
    {
        _json?.WritePropertyName(name);
        if (_recording is not null)
        {
            Pend(Key(name));
        }
    }

    public void WriteString(string name, string? value)
    {
        _json?.WriteString(name, value);
        if (_recording is not null)
        {
            RecordString(Key(name), value);
        }
    }

    public void WriteString(string name, JsonEncodedText value)
    {
        _json?.WriteString(name, value);
        _recording?.String(Key(name), Text(value));
    }

    public void WriteString(string name, ReadOnlySpan<char> value)
    {
        _json?.WriteString(name, value);
        _recording?.String(Key(name), value);
    }

    public void WriteString(string name, ReadOnlySpan<byte> utf8Value)
    {
        _json?.WriteString(name, utf8Value);
        _recording?.String(Key(name), utf8Value);
    }

    public void WriteNumber(string name, long value)
    {
        _json?.WriteNumber(name, value);
        _recording?.Number(Key(name), value);
    }

    public void WriteBoolean(string name, bool value)
    {
        _json?.WriteBoolean(name, value);
        _recording?.Literal(Key(name), value ? JsonValueKind.True : JsonValueKind.False);
    }

    private OcsfName Key(string name) => _recording!.Names.Of(name);
}
