using System.Buffers.Text;
using System.Text.Json;

namespace DefenderConnector.Mapping;

/// <summary>
/// Writes <c>observables[]</c> lazily: the array appears only when at least one value is present.
/// Each value must be the exact text written at <c>name</c>, so mappers pass the same bytes they placed.
/// </summary>
internal ref struct ObservableWriter
{
    // Indexed by type_id (an array, not a dictionary: it is read for every observable).
    private static readonly JsonEncodedText[] Captions = BuildCaptions(
        (1, "Hostname"),
        (2, "IP Address"),
        (3, "MAC Address"),
        (4, "User Name"),
        (5, "Email Address"),
        (6, "URL String"),
        (7, "File Name"),
        (8, "Hash"),
        (9, "Process Name"),
        (10, "Resource UID"),
        (13, "Command Line"),
        (14, "Country"),
        (16, "HTTP User-Agent"),
        (31, "User Object: uid"),
        (40, "Email Object: subject"),
        (41, "Email Object: uid"),
        (45, "File Path"),
        (46, "Registry Key Path"),
        (47, "Device Object: uid"));

    private readonly OcsfEventWriter _writer;
    private bool _started;

    public ObservableWriter(OcsfEventWriter writer)
    {
        _writer = writer;
        _started = false;
    }

    public void Add(scoped ReadOnlySpan<byte> name, int typeId, scoped ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            return;
        }

        if (!_started)
        {
            _writer.WriteStartArray(Names.Observables);
            _started = true;
        }

        if (TryWriteRaw(name, typeId, value))
        {
            return;
        }

        _writer.WriteStartObject();
        _writer.WriteString(Names.Name, name);
        _writer.WriteNumber(Names.TypeId, typeId);
        _writer.WriteString(Names.Type, Caption(typeId));
        _writer.WriteString(Names.Value, value);
        _writer.WriteEndObject();
    }

    /// <summary>
    /// The same object in one raw write when neither name nor value needs escaping under the writer's
    /// encoder (the common case): six writer calls per observable were a tenth of a device record's mapping.
    /// The bytes are exactly those the six calls write (no indentation, the encoder's own escaping check).
    /// </summary>
    private readonly bool TryWriteRaw(scoped ReadOnlySpan<byte> name, int typeId, scoped ReadOnlySpan<byte> value)
    {
        if (!_writer.WritesJson)
        {
            // No JSON to write: the item is recorded as the same opaque node a raw write leaves.
            _writer.WriteRawValue([], skipInputValidation: true);
            return true;
        }

        var options = _writer.Options;
        if (options.Indented || options.Encoder is not { } encoder || name.Length + value.Length > 1024
            || encoder.FindFirstCharacterToEncodeUtf8(name) >= 0 || encoder.FindFirstCharacterToEncodeUtf8(value) >= 0)
        {
            return false;
        }

        var caption = Caption(typeId).EncodedUtf8Bytes;
        // Punctuation and the four names take 43 bytes, the type id at most 11, a caption under 32.
        Span<byte> json = stackalloc byte[name.Length + value.Length + 96];
        var length = 0;
        Append(json, ref length, "{\"name\":\""u8);
        Append(json, ref length, name);
        Append(json, ref length, "\",\"type_id\":"u8);
        Utf8Formatter.TryFormat(typeId, json[length..], out var digits);
        length += digits;
        Append(json, ref length, ",\"type\":\""u8);
        Append(json, ref length, caption);
        Append(json, ref length, "\",\"value\":\""u8);
        Append(json, ref length, value);
        Append(json, ref length, "\"}"u8);
        _writer.WriteRawValue(json[..length], skipInputValidation: true);
        return true;
    }

    private static void Append(Span<byte> json, ref int length, scoped ReadOnlySpan<byte> part)
    {
        part.CopyTo(json[length..]);
        length += part.Length;
    }

    private static JsonEncodedText Caption(int typeId) =>
        (uint)typeId < (uint)Captions.Length && !Captions[typeId].EncodedUtf8Bytes.IsEmpty
            ? Captions[typeId]
            : throw new KeyNotFoundException($"No caption for observable type_id {typeId}.");

    private static JsonEncodedText[] BuildCaptions(params (int TypeId, string Caption)[] captions)
    {
        var table = new JsonEncodedText[captions.Max(c => c.TypeId) + 1];
        foreach (var (typeId, caption) in captions)
        {
            table[typeId] = JsonEncodedText.Encode(caption);
        }

        return table;
    }

    public readonly void End()
    {
        if (_started)
        {
            _writer.WriteEndArray();
        }
    }
}
