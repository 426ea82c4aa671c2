using System.Buffers;
using System.Text;
using System.Text.Json;
using DefenderConnector.Encoders;

namespace DefenderConnector.Mapping;

/// <summary>
/// What the mappers write an OCSF event through: the members of <see cref="Utf8JsonWriter"/> they use,
/// forwarded to it, and, when an encoder other than OCSF JSON needs it, the same event recorded into an
/// <see cref="OcsfTree"/> in the same pass, so CEF and ECS are written from the mapped event without
/// parsing the OCSF JSON again. With no tree (OCSF output) it only forwards; with a tree and no JSON
/// (CEF, ECS without <c>ocsf.original</c>) it only records, and no OCSF JSON is written at all.
/// </summary>
internal sealed partial class OcsfEventWriter
{
    private readonly Utf8JsonWriter? _json;
    private char[] _name = new char[64];
    private int _nameLength = -1;

    /// <param name="json">Where the OCSF JSON goes.</param>
    /// <param name="tree">Records the event for an encoder that reads it, or null.</param>
    /// <param name="writeJson">False when nothing reads the OCSF JSON (only the tree): then <paramref name="json"/> is never written.</param>
    public OcsfEventWriter(Utf8JsonWriter json, OcsfTree? tree = null, bool writeJson = true)
    {
        if (!writeJson && tree is null)
        {
            throw new ArgumentException("An event writer that writes no JSON must record a tree.", nameof(tree));
        }

        _json = writeJson ? json : null;
        Tree = tree;
    }

    /// <summary>Whether the OCSF JSON is written (false: the event exists only as the recorded tree).</summary>
    public bool WritesJson => _json is not null;

    /// <summary>The event recorded so far, or null when nothing reads it.</summary>
    public OcsfTree? Tree { get; }

    /// <summary>The configured tenant whose events this writer writes (<c>tenants[]</c>), or null with no tenants.</summary>
    public TenantStamp? Tenant { get; init; }

    /// <summary>Starts the next event into <paramref name="output"/>.</summary>
    public void Reset(IBufferWriter<byte> output)
    {
        _json?.Reset(output);
        Tree?.Clear();
        _nameLength = -1;
    }

    public void Flush() => _json?.Flush();

    public JsonWriterOptions Options => _json?.Options ?? default;

    public void WriteStartObject()
    {
        _json?.WriteStartObject();
        Tree?.Open(JsonValueKind.Object, TakeName());
    }

    public void WriteStartObject(JsonEncodedText name)
    {
        _json?.WriteStartObject(name);
        Tree?.Open(JsonValueKind.Object, Name(name));
    }

    public void WriteStartObject(string name)
    {
        _json?.WriteStartObject(name);
        Tree?.Open(JsonValueKind.Object, name);
    }

    public void WriteEndObject()
    {
        _json?.WriteEndObject();
        Tree?.Close();
    }

    public void WriteStartArray()
    {
        _json?.WriteStartArray();
        Tree?.Open(JsonValueKind.Array, TakeName());
    }

    public void WriteStartArray(JsonEncodedText name)
    {
        _json?.WriteStartArray(name);
        Tree?.Open(JsonValueKind.Array, Name(name));
    }

    public void WriteStartArray(string name)
    {
        _json?.WriteStartArray(name);
        Tree?.Open(JsonValueKind.Array, name);
    }

    public void WriteEndArray()
    {
        _json?.WriteEndArray();
        Tree?.Close();
    }

    public void WritePropertyName(JsonEncodedText name)
    {
        _json?.WritePropertyName(name);
        Pend(Name(name));
    }

    public void WritePropertyName(string name)
    {
        _json?.WritePropertyName(name);
        Pend(name);
    }

    public void WritePropertyName(ReadOnlySpan<byte> utf8Name)
    {
        _json?.WritePropertyName(utf8Name);
        if (Tree is not null)
        {
            Pend(utf8Name);
        }
    }

    public void WriteString(JsonEncodedText name, string? value)
    {
        _json?.WriteString(name, value);
        RecordString(Name(name), value);
    }

    public void WriteString(string name, string? value)
    {
        _json?.WriteString(name, value);
        RecordString(name, value);
    }

    public void WriteString(JsonEncodedText name, JsonEncodedText value)
    {
        _json?.WriteString(name, value);
        Tree?.String(Name(name), Name(value));
    }

    public void WriteString(string name, JsonEncodedText value)
    {
        _json?.WriteString(name, value);
        Tree?.String(name, Name(value));
    }

    public void WriteString(JsonEncodedText name, ReadOnlySpan<char> value)
    {
        _json?.WriteString(name, value);
        Tree?.String(Name(name), value);
    }

    public void WriteString(string name, ReadOnlySpan<char> value)
    {
        _json?.WriteString(name, value);
        Tree?.String(name, value);
    }

    public void WriteString(JsonEncodedText name, ReadOnlySpan<byte> utf8Value)
    {
        _json?.WriteString(name, utf8Value);
        Tree?.String(Name(name), utf8Value);
    }

    public void WriteString(string name, ReadOnlySpan<byte> utf8Value)
    {
        _json?.WriteString(name, utf8Value);
        Tree?.String(name, utf8Value);
    }

    public void WriteStringValue(string? value)
    {
        _json?.WriteStringValue(value);
        RecordString(TakeName(), value);
    }

    public void WriteStringValue(JsonEncodedText value)
    {
        _json?.WriteStringValue(value);
        Tree?.String(TakeName(), Name(value));
    }

    public void WriteStringValue(ReadOnlySpan<char> value)
    {
        _json?.WriteStringValue(value);
        Tree?.String(TakeName(), value);
    }

    public void WriteStringValue(ReadOnlySpan<byte> utf8Value)
    {
        _json?.WriteStringValue(utf8Value);
        Tree?.String(TakeName(), utf8Value);
    }

    public void WriteNumber(JsonEncodedText name, long value)
    {
        _json?.WriteNumber(name, value);
        Tree?.Number(Name(name), value);
    }

    public void WriteNumber(string name, long value)
    {
        _json?.WriteNumber(name, value);
        Tree?.Number(name, value);
    }

    public void WriteNumberValue(long value)
    {
        _json?.WriteNumberValue(value);
        Tree?.Number(TakeName(), value);
    }

    public void WriteBoolean(JsonEncodedText name, bool value)
    {
        _json?.WriteBoolean(name, value);
        Tree?.Literal(Name(name), value ? JsonValueKind.True : JsonValueKind.False);
    }

    public void WriteBoolean(string name, bool value)
    {
        _json?.WriteBoolean(name, value);
        Tree?.Literal(name, value ? JsonValueKind.True : JsonValueKind.False);
    }

    /// <summary>Raw JSON passed through (Defender's own values): recorded as an opaque node.</summary>
    public void WriteRawValue(ReadOnlySpan<byte> json, bool skipInputValidation)
    {
        _json?.WriteRawValue(json, skipInputValidation);
        Tree?.Opaque(TakeName());
    }

    private void RecordString(ReadOnlySpan<char> name, string? value)
    {
        if (Tree is null)
        {
            return;
        }

        if (value is null)
        {
            // Utf8JsonWriter writes a null string as JSON null.
            Tree.Literal(name, JsonValueKind.Null);
        }
        else
        {
            Tree.String(name, value);
        }
    }

    /// <summary>The text a <see cref="JsonEncodedText"/> stands for (its value is the escaped form).</summary>
    private static string Name(JsonEncodedText encoded) =>
        encoded.Value.Contains('\\', StringComparison.Ordinal) ? JsonSerializer.Deserialize<string>("\"" + encoded.Value + "\"")! : encoded.Value;

    private void Pend(ReadOnlySpan<char> name)
    {
        if (Tree is null)
        {
            return;
        }

        if (name.Length > _name.Length)
        {
            _name = new char[name.Length];
        }

        name.CopyTo(_name);
        _nameLength = name.Length;
    }

    private void Pend(ReadOnlySpan<byte> utf8Name)
    {
        var length = Encoding.UTF8.GetMaxCharCount(utf8Name.Length);
        if (length > _name.Length)
        {
            _name = new char[length];
        }

        _nameLength = Encoding.UTF8.GetChars(utf8Name, _name);
    }

    /// <summary>The name set by WritePropertyName for the value that follows, or none (an array item, the root).</summary>
    private ReadOnlySpan<char> TakeName()
    {
        if (_nameLength < 0)
        {
            return [];
        }

        var name = _name.AsSpan(0, _nameLength);
        _nameLength = -1;
        return name;
    }
}
