using System.Text.Json;

namespace DefenderConnector.Mapping;

/// <summary>
/// The envelope fields of one Streaming API record, read in one pass without allocating the
/// properties: <c>properties</c> is kept as the byte range of its JSON value and, when buffers are
/// given, indexed in the same pass (<see cref="RowReader.TryScanObject"/>).
/// </summary>
internal ref struct StreamingEnvelope
{
    public string? Time;
    public string? TenantId;
    public string? OperationName;
    public string? Category;
    public ReadOnlySpan<byte> Properties;

    /// <summary>True when <see cref="Properties"/> was an object and was indexed into the given buffers.</summary>
    public bool Indexed;

    /// <summary>How many cells the indexing filled.</summary>
    public int CellCount;

    /// <summary>The table name: the category without its <c>AdvancedHunting-</c> prefix.</summary>
    public readonly string Table => Category is null
        ? "Unknown"
        : Category.StartsWith("AdvancedHunting-", StringComparison.Ordinal) ? Category["AdvancedHunting-".Length..] : Category;

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
                var value = name != 0 && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }

                switch (name)
                {
                    case 1: envelope.Time = value; break;
                    case 2: envelope.TenantId = value; break;
                    case 3: envelope.OperationName = value; break;
                    case 4: envelope.Category = value; break;
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
