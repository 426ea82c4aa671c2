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

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("properties"u8))
                {
                    reader.Read();
                    var from = (int)reader.TokenStartIndex;
                    if (reader.TokenType == JsonTokenType.StartObject && !cells.IsEmpty)
                    {
                        envelope.Indexed = RowReader.TryScanObject(ref reader, arena, cells, index, FieldNames.Streaming, out envelope.CellCount);
                    }
                    else
                    {
                        reader.Skip();
                    }

                    envelope.Properties = record[from..(int)reader.BytesConsumed];
                    continue;
                }

                var name = reader.ValueTextEquals("time"u8) ? 1
                    : reader.ValueTextEquals("tenantId"u8) ? 2
                    : reader.ValueTextEquals("operationName"u8) ? 3
                    : reader.ValueTextEquals("category"u8) ? 4
                    : 0;
                reader.Read();
                var value = name != 0 && reader.TokenType == JsonTokenType.String ? EnvelopeText.FromReader(ref reader) : default;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }

                switch (name)
                {
                    case 1: envelope.TimeText = value; break;
                    case 2: envelope.TenantIdText = value; break;
                    case 3: envelope.OperationNameText = value; break;
                    case 4: envelope.CategoryText = value; break;
                }
            }
        }

        catch (JsonException e)
        {
            error = $"The record is not valid JSON: {e.Message}";
            return false;
        }

        return true;
    }
}
