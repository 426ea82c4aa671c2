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
    private OcsfName _pending;
    private bool _hasPending;

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
        _recording = tree;
    }

    // The tree the calls are recorded into: Tree, except inside an object no encoder reads (none then).
    private OcsfTree? _recording;

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
        _recording = Tree;
        _recording?.Clear();
        _hasPending = false;
    }

    public void Flush() => _json?.Flush();

    public JsonWriterOptions Options => _json?.Options ?? default;

    public void WriteStartObject()
    {
        _json?.WriteStartObject();
        _recording?.Open(JsonValueKind.Object, TakeName());
    }

    public void WriteStartObject(OcsfAttribute name)
    {
        _json?.WriteStartObject(name.Encoded);
        _recording?.Open(JsonValueKind.Object, Key(name));
    }

    public void WriteEndObject()
    {
        _json?.WriteEndObject();
        _recording?.Close();
    }

    public void WriteStartArray()
    {
        _json?.WriteStartArray();
        _recording?.Open(JsonValueKind.Array, TakeName());
    }

    public void WriteStartArray(OcsfAttribute name)
    {
        _json?.WriteStartArray(name.Encoded);
        _recording?.Open(JsonValueKind.Array, Key(name));
    }

    public void WriteEndArray()
    {
        _json?.WriteEndArray();
        _recording?.Close();
    }

    public void WritePropertyName(OcsfAttribute name)
    {
        _json?.WritePropertyName(name.Encoded);
        if (_recording is not null)
        {
            Pend(Key(name));
        }
    }

    public void WritePropertyName(ReadOnlySpan<byte> utf8Name)
    {
        _json?.WritePropertyName(utf8Name);
        if (_recording is not null)
        {
            Pend(Key(utf8Name));
        }
    }

    public void WriteString(OcsfAttribute name, string? value)
    {
        _json?.WriteString(name.Encoded, value);
        if (_recording is not null)
        {
            RecordString(Key(name), value);
        }
    }

    public void WriteString(OcsfAttribute name, JsonEncodedText value)
    {
        _json?.WriteString(name.Encoded, value);
        _recording?.String(Key(name), Text(value));
    }

    public void WriteString(OcsfAttribute name, ReadOnlySpan<char> value)
    {
        _json?.WriteString(name.Encoded, value);
        _recording?.String(Key(name), value);
    }

    public void WriteString(OcsfAttribute name, ReadOnlySpan<byte> utf8Value)
    {
        _json?.WriteString(name.Encoded, utf8Value);
        _recording?.String(Key(name), utf8Value);
    }

    public void WriteStringValue(string? value)
    {
        _json?.WriteStringValue(value);
        if (_recording is not null)
        {
            RecordString(TakeName(), value);
        }
    }

    public void WriteStringValue(JsonEncodedText value)
    {
        _json?.WriteStringValue(value);
        _recording?.String(TakeName(), Text(value));
    }

    public void WriteStringValue(ReadOnlySpan<char> value)
    {
        _json?.WriteStringValue(value);
        _recording?.String(TakeName(), value);
    }

    public void WriteStringValue(ReadOnlySpan<byte> utf8Value)
    {
        _json?.WriteStringValue(utf8Value);
        _recording?.String(TakeName(), utf8Value);
    }

    public void WriteNumber(OcsfAttribute name, long value)
    {
        _json?.WriteNumber(name.Encoded, value);
        _recording?.Number(Key(name), value);
    }

    public void WriteNumberValue(long value)
    {
        _json?.WriteNumberValue(value);
        _recording?.Number(TakeName(), value);
    }

    public void WriteBoolean(OcsfAttribute name, bool value)
    {
        _json?.WriteBoolean(name.Encoded, value);
        _recording?.Literal(Key(name), value ? JsonValueKind.True : JsonValueKind.False);
    }

    /// <summary>
    /// Starts an object no encoder reads below (Defender's own fields under <c>unmapped</c>): the OCSF
    /// JSON gets all of it, the tree one opaque node, and the calls up to <see cref="WriteEndUnreadObject"/>
    /// are not recorded (their names are never looked up).
    /// </summary>
    public void WriteStartUnreadObject(OcsfAttribute name)
    {
        _json?.WriteStartObject(name.Encoded);
        if (_recording is not null)
        {
            _recording.Opaque(Key(name));
            _recording = null;
        }
    }

    public void WriteEndUnreadObject()
    {
        _json?.WriteEndObject();
        _recording = Tree;
        _hasPending = false;
    }

    /// <summary>Raw JSON passed through (Defender's own values): recorded as an opaque node.</summary>
    public void WriteRawValue(ReadOnlySpan<byte> json, bool skipInputValidation)
    {
        _json?.WriteRawValue(json, skipInputValidation);
        _recording?.Opaque(TakeName());
    }

    private void RecordString(in OcsfName name, string? value)
    {
        if (value is null)
        {
            // Utf8JsonWriter writes a null string as JSON null.
            _recording!.Literal(name, JsonValueKind.Null);
        }
        else
        {
            _recording!.String(name, value);
        }
    }

    /// <summary>The text a <see cref="JsonEncodedText"/> value stands for (its value is the escaped form).</summary>
    private static string Text(JsonEncodedText encoded) =>
        encoded.Value.Contains('\\', StringComparison.Ordinal) ? JsonSerializer.Deserialize<string>("\"" + encoded.Value + "\"")! : encoded.Value;

    // A name's key in the tree's name table; called only while recording. A declared attribute carries its
    // key in the shared table, which is the table of every tree but those made for tests of other tables.
    private OcsfName Key(OcsfAttribute name) => ReferenceEquals(_recording!.Names, OcsfNames.Shared) ? name.Key : _recording.Names.Of(name.Encoded);

    private OcsfName Key(ReadOnlySpan<byte> utf8Name) => _recording!.Names.Of(utf8Name);

    private void Pend(in OcsfName name)
    {
        _pending = name;
        _hasPending = true;
    }

    /// <summary>The name set by WritePropertyName for the value that follows, or none (an array item, the root).</summary>
    private OcsfName TakeName()
    {
        if (!_hasPending)
        {
            return OcsfName.None;
        }

        _hasPending = false;
        return _pending;
    }
}
