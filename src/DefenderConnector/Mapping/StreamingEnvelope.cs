using System.Text.Json;

namespace DefenderConnector.Mapping;

/// <summary>
/// The envelope fields of one Streaming API record, read in one pass without allocating the
/// properties: <c>properties</c> is kept as the byte range of its JSON value and, when buffers are
/// given, indexed in the same pass (<see cref="RowReader.TryScanObject"/>).
/// </summary>
internal ref struct StreamingEnvelope
{
    public EnvelopeText TimeText;
    public EnvelopeText TenantIdText;
    public EnvelopeText OperationNameText;
    public EnvelopeText CategoryText;
    public ReadOnlySpan<byte> Properties;

    /// <summary>True when <see cref="Properties"/> was an object and was indexed into the given buffers.</summary>
    public bool Indexed;

    /// <summary>How many cells the indexing filled.</summary>
    public int CellCount;

    public readonly string? Time => TimeText.AsString();

    public readonly string? TenantId => TenantIdText.AsString();

    public readonly string? OperationName => OperationNameText.AsString();

    public readonly string? Category => CategoryText.AsString();

    /// <summary>The table name: the category without its <c>AdvancedHunting-</c> prefix.</summary>
    public readonly string Table => Category is not { } category
        ? "Unknown"
        : category.StartsWith("AdvancedHunting-", StringComparison.Ordinal) ? category["AdvancedHunting-".Length..] : category;

    /// <summary><see cref="Table"/> as UTF-8 (empty without a category), for looking the mapper up without a string.</summary>
    public readonly ReadOnlySpan<byte> TableUtf8 => CategoryText.Utf8.StartsWith("AdvancedHunting-"u8) ? CategoryText.Utf8["AdvancedHunting-"u8.Length..] : CategoryText.Utf8;

    public static bool TryRead(ReadOnlySpan<byte> record, out StreamingEnvelope envelope, out string? error) =>
        TryRead(record, out envelope, out error, default, default, default);

    /// <summary>Reads the envelope; with non-empty buffers also indexes the properties object (offsets relative to <paramref name="record"/>).</summary>
    public static bool TryRead(ReadOnlySpan<byte> record, out StreamingEnvelope envelope, out string? error, Span<byte> arena, Span<Cell> cells, Span<short> index)
    {
        envelope = default;
        error = null;
        var reader = new Utf8JsonReader(record);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "The record is not a JSON object.";
                return false;
            }

            ReadObject(ref reader, arena, cells, index, out var fields);
            envelope = From(record, fields);
        }
        catch (JsonException e)
        {
            error = $"The record is not valid JSON: {e.Message}";
            return false;
        }

        return true;
    }

    /// <summary>The envelope from where <see cref="ReadObject"/> found its fields in <paramref name="source"/>.</summary>
    public static StreamingEnvelope From(ReadOnlySpan<byte> source, scoped in EnvelopeFields fields) => new()
    {
        TimeText = EnvelopeText.At(source, fields.Time),
        TenantIdText = EnvelopeText.At(source, fields.TenantId),
        OperationNameText = EnvelopeText.At(source, fields.OperationName),
        CategoryText = EnvelopeText.At(source, fields.Category),
        Properties = source.Slice(fields.PropertiesStart, fields.PropertiesLength),
        Indexed = fields.Indexed,
        CellCount = fields.CellCount,
    };

    /// <summary>
    /// Reads the record object the reader is on (its StartObject) and leaves the reader on its EndObject,
    /// so a message decoder can read and index every record in the pass that validates the message.
    /// Offsets are relative to the reader's input. Throws <see cref="JsonException"/> on invalid JSON.
    /// </summary>
    public static void ReadObject(ref Utf8JsonReader reader, Span<byte> arena, Span<Cell> cells, Span<short> index, out EnvelopeFields fields)
    {
        fields = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("properties"u8))
            {
                reader.Read();
                var from = (int)reader.TokenStartIndex;
                if (reader.TokenType == JsonTokenType.StartObject && !cells.IsEmpty)
                {
                    fields.Indexed = RowReader.TryScanObject(ref reader, arena, cells, index, FieldNames.Streaming, out fields.CellCount, out fields.ArenaUsed);
                }
                else
                {
                    reader.Skip();
                }

                fields.PropertiesStart = from;
                fields.PropertiesLength = (int)reader.BytesConsumed - from;
                continue;
            }

            var name = reader.ValueTextEquals("time"u8) ? 1
                : reader.ValueTextEquals("tenantId"u8) ? 2
                : reader.ValueTextEquals("operationName"u8) ? 3
                : reader.ValueTextEquals("category"u8) ? 4
                : 0;
            reader.Read();
            var value = name != 0 && reader.TokenType == JsonTokenType.String ? TextAt.FromReader(ref reader) : default;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }

            switch (name)
            {
                case 1: fields.Time = value; break;
                case 2: fields.TenantId = value; break;
                case 3: fields.OperationName = value; break;
                case 4: fields.Category = value; break;
            }
        }
    }
}

/// <summary>Where a record's envelope fields are in the message: <see cref="StreamingEnvelope"/> without spans, so it can be kept per record.</summary>
internal struct EnvelopeFields
{
    public TextAt Time;
    public TextAt TenantId;
    public TextAt OperationName;
    public TextAt Category;
    public int PropertiesStart;
    public int PropertiesLength;
    public bool Indexed;
    public int CellCount;
    public int ArenaUsed;
}

/// <summary>An envelope string: its unescaped bytes' place in the message, or (escaped, rare) its string.</summary>
internal readonly record struct TextAt(int Start, int Length, string? Text, bool Present)
{
    public static TextAt FromReader(scoped ref Utf8JsonReader reader) => reader.ValueIsEscaped
        ? new TextAt(0, 0, reader.GetString(), true)
        : new TextAt((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length, null, true);
}
