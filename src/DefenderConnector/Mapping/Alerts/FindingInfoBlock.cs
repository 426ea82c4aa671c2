using System.Text.Json;

namespace DefenderConnector.Mapping.Alerts;

/// <summary>finding_info for alert and behavior rows: uid, title, categories as types, MITRE techniques, detection source, product.</summary>
internal static class FindingInfoBlock
{
    public static void Write(Utf8JsonWriter writer, in MapContext context, Column uid, Column title, Column description, Column categories)
    {
        var row = context.Row;
        writer.WriteStartObject("finding_info"u8);
        if (!Put.Str(writer, "uid"u8, row, uid))
        {
            writer.WriteString("uid"u8, context.Origin.Uid);
        }

        Put.Str(writer, "title"u8, row, title);
        Put.Str(writer, "desc"u8, row, description);
        Types(writer, row, categories);
        if (row.TryJson(Column.AttackTechniques, out var techniques) && !AttackTechniques.Write(writer, techniques))
        {
            row.Unmark(Column.AttackTechniques);
        }

        if (row.Has(Column.DetectionSource))
        {
            writer.WriteStartObject("analytic"u8);
            Put.Str(writer, "name"u8, row, Column.DetectionSource);
            writer.WriteNumber("type_id"u8, 0);
            writer.WriteString("type"u8, "Unknown"u8);
            writer.WriteEndObject();
        }

        if (row.Has(Column.ServiceSource))
        {
            writer.WriteStartObject("product"u8);
            Put.Str(writer, "name"u8, row, Column.ServiceSource);
            writer.WriteString("vendor_name"u8, "Microsoft"u8);
            writer.WriteEndObject();
        }

        Put.Time(writer, "first_seen_time"u8, row, Column.StartTime);
        Put.Time(writer, "last_seen_time"u8, row, Column.EndTime);
        writer.WriteEndObject();
    }

    /// <summary>A category column: one word (AlertInfo) or a JSON array in a string (AlertEvidence).</summary>
    private static void Types(Utf8JsonWriter writer, in Row row, Column column)
    {
        var text = row.Peek(column);
        if (text.IsEmpty)
        {
            return;
        }

        writer.WriteStartArray("types"u8);
        if (JsonText.IsContainer(text) && text.TrimStart(" "u8)[0] == (byte)'[')
        {
            var reader = new Utf8JsonReader(text);
            reader.Read();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.String)
                {
                    writer.WriteStringValue(reader.GetString());
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        else
        {
            writer.WriteStringValue(text);
        }

        writer.WriteEndArray();
        row.MarkUsed(column);
    }
}
