using System.Text.Json;
using DefenderConnector.Mapping.Alerts;

namespace DefenderConnector.Mapping.Api;

/// <summary>
/// A Graph or M365D incident → Incident Finding (2005): status (active New, inProgress, awaitingAction
/// On Hold, resolved, redirected Closed), severity, verdict, assignee, portal link and one
/// finding_info per alert of the incident. OCSF requires an assignee or an assignee group: an
/// unassigned incident gets assignee_group "Unassigned", which is what the portal shows.
/// The expanded alerts also stay in unmapped (the source emits each as its own Detection Finding).
/// </summary>
internal static class IncidentFindingWriter
{
    public static MapResult Write(in MapContext context, FieldNames alertNames)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = OcsfClasses.IncidentFinding;
        var severity = Severity.FromText(row.Peek(Column.Severity));
        if (severity > 0)
        {
            row.MarkUsed(Column.Severity);
        }

        EventWriter.Begin(context, cls, ApiTriage.Activity(row), default, severity, ApiTriage.TimeColumn(row));
        var (status, caption) = ApiEnums.IncidentStatus(row.Peek(Column.Status));
        writer.WriteNumber(Names.StatusId, status);
        writer.WriteString(Names.Status, caption);
        row.MarkUsed(Column.Status);
        Put.Str(writer, Names.Desc, row, Column.Description);
        Put.Str(writer, Names.SrcUrl, row, Column.IncidentWebUrl);
        ApiTriage.Verdict(writer, row);
        if (!ApiTriage.Assignee(writer, row))
        {
            writer.WriteStartObject(Names.AssigneeGroup);
            writer.WriteString(Names.Name, "Unassigned"u8);
            writer.WriteEndObject();
        }

        writer.WriteStartArray(Names.FindingInfoList);
        if (!Alerts(writer, row, alertNames))
        {
            FindingInfo(writer, context.Origin.Uid, row, Column.DisplayName);
        }

        writer.WriteEndArray();
        EventWriter.End(context, OcsfProfiles.None, Column.Id);
        return new MapResult(MapStatus.Mapped, context.Origin.Kind.ToString(), cls.Uid);
    }

    /// <summary>One finding_info per alert; false when the incident lists none.</summary>
    private static bool Alerts(OcsfEventWriter writer, in Row row, FieldNames alertNames)
    {
        var list = row.Peek(Column.Alerts);
        if (list.IsEmpty || !JsonText.IsContainer(list))
        {
            return false;
        }

        var reader = new Utf8JsonReader(list);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var any = false;
        Span<short> index = stackalloc short[ColumnCount.Value];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            using var scope = new RowScope(list[start..(int)reader.BytesConsumed], alertNames, index);
            if (!scope.Ok || !scope.Row.Has(Column.Id))
            {
                continue;
            }

            FindingInfo(writer, string.Empty, scope.Row, Column.Title);
            any = true;
        }

        return any;
    }

    private static void FindingInfo(OcsfEventWriter writer, string fallbackUid, in Row row, Column title)
    {
        writer.WriteStartObject();
        if (!Put.Str(writer, Names.Uid, row, Column.Id))
        {
            writer.WriteString(Names.Uid, fallbackUid);
        }

        Put.Str(writer, Names.Title, row, title);
        if (row.TryText(Column.Category, out var category))
        {
            writer.WriteStartArray(Names.Types);
            writer.WriteStringValue(category);
            writer.WriteEndArray();
        }

        Put.Time(writer, Names.CreatedTime, row, Column.CreatedDateTime);
        Put.Time(writer, Names.ModifiedTime, row, Column.LastUpdateDateTime);
        Put.Str(writer, Names.SrcUrl, row, Column.AlertWebUrl);
        if (row.Has(Column.ServiceSource))
        {
            writer.WriteStartObject(Names.Product);
            if (ApiSources.Product(row.Peek(Column.ServiceSource)) is { } product)
            {
                writer.WriteString(Names.Name, product);
                row.MarkUsed(Column.ServiceSource);
            }
            else
            {
                Put.Str(writer, Names.Name, row, Column.ServiceSource);
            }

            writer.WriteString(Names.VendorName, "Microsoft"u8);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
