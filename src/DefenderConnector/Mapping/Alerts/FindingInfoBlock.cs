using System.Text.Json;

namespace DefenderConnector.Mapping.Alerts;

/// <summary>finding_info for alert and behavior rows: uid, title, categories as types, MITRE techniques, detection source, product.</summary>
internal static class FindingInfoBlock
{
    public static void Write(OcsfEventWriter writer, in MapContext context, Column uid, Column title, Column description, Column categories)
    {
        var row = context.Row;
        writer.WriteStartObject(Names.FindingInfo);
        if (!Put.Str(writer, Names.Uid, row, uid))
        {
            writer.WriteString(Names.Uid, context.Origin.Uid);
        }

        Put.Str(writer, Names.Title, row, title);
        Put.Str(writer, Names.Desc, row, description);
        Types(writer, row, categories);
        if (row.TryJson(Column.AttackTechniques, out var techniques) && !AttacksBlock.Write(writer, techniques, AttacksBlock.Form.NamedTechniques))
        {
            row.Unmark(Column.AttackTechniques);
        }

        if (row.Has(Column.DetectionSource))
        {
            writer.WriteStartObject(Names.Analytic);
            Put.Str(writer, Names.Name, row, Column.DetectionSource);
            writer.WriteNumber(Names.TypeId, 0);
            writer.WriteString(Names.Type, "Unknown"u8);
            writer.WriteEndObject();
        }

        if (row.Has(Column.ServiceSource))
        {
            writer.WriteStartObject(Names.Product);
            Put.Str(writer, Names.Name, row, Column.ServiceSource);
            writer.WriteString(Names.VendorName, "Microsoft"u8);
            writer.WriteEndObject();
        }

        Put.Time(writer, Names.FirstSeenTime, row, Column.StartTime);
        Put.Time(writer, Names.LastSeenTime, row, Column.EndTime);
        writer.WriteEndObject();
    }

    /// <summary>A category column: one word (AlertInfo) or a JSON array in a string (AlertEvidence).</summary>
    private static void Types(OcsfEventWriter writer, in Row row, Column column)
    {
        var text = row.Peek(column);
        if (text.IsEmpty)
        {
            return;
        }

        writer.WriteStartArray(Names.Types);
        if (JsonText.IsContainer(text) && text.TrimStart(" "u8)[0] == (byte)'[')
        {
            var reader = new Utf8JsonReader(text);
            reader.Read();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.String)
                {
                    JsonText.WriteStringValue(writer, ref reader);
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
