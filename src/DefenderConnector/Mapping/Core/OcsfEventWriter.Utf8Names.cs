using System.Text;
using System.Text.Json;

namespace DefenderConnector.Mapping;

/// <summary>The overloads taking UTF-8 property names (<c>"name"u8</c>).</summary>
internal sealed partial class OcsfEventWriter
{
    private char[] _utf8Name = new char[64];

    public void WriteStartObject(ReadOnlySpan<byte> utf8Name)
    {
        _json?.WriteStartObject(utf8Name);
        Tree?.Open(JsonValueKind.Object, Chars(utf8Name));
    }

    public void WriteStartArray(ReadOnlySpan<byte> utf8Name)
    {
        _json?.WriteStartArray(utf8Name);
        Tree?.Open(JsonValueKind.Array, Chars(utf8Name));
    }

    public void WriteString(ReadOnlySpan<byte> utf8Name, string? value)
    {
        _json?.WriteString(utf8Name, value);
        if (Tree is not null)
        {
            RecordString(Chars(utf8Name), value);
        }
    }

    public void WriteString(ReadOnlySpan<byte> utf8Name, JsonEncodedText value)
    {
        _json?.WriteString(utf8Name, value);
        Tree?.String(Chars(utf8Name), Name(value));
    }

    public void WriteString(ReadOnlySpan<byte> utf8Name, ReadOnlySpan<char> value)
    {
        _json?.WriteString(utf8Name, value);
        Tree?.String(Chars(utf8Name), value);
    }

    public void WriteString(ReadOnlySpan<byte> utf8Name, ReadOnlySpan<byte> utf8Value)
    {
        _json?.WriteString(utf8Name, utf8Value);
        Tree?.String(Chars(utf8Name), utf8Value);
    }

    public void WriteNumber(ReadOnlySpan<byte> utf8Name, long value)
    {
        _json?.WriteNumber(utf8Name, value);
        Tree?.Number(Chars(utf8Name), value);
    }

    public void WriteBoolean(ReadOnlySpan<byte> utf8Name, bool value)
    {
        _json?.WriteBoolean(utf8Name, value);
        Tree?.Literal(Chars(utf8Name), value ? JsonValueKind.True : JsonValueKind.False);
    }

    private ReadOnlySpan<char> Chars(ReadOnlySpan<byte> utf8Name)
    {
        var length = Encoding.UTF8.GetMaxCharCount(utf8Name.Length);
        if (length > _utf8Name.Length)
        {
            _utf8Name = new char[length];
        }

        return _utf8Name.AsSpan(0, Encoding.UTF8.GetChars(utf8Name, _utf8Name));
    }
}
