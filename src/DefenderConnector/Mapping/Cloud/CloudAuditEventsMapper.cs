using System.Text.Json;

namespace DefenderConnector.Mapping.Cloud;

/// <summary>
/// CloudAuditEvents → API Activity (6003): the ActionType is already a CRUD verb (Create, Read,
/// Update, Delete, Other); api.operation is the OperationName, the resource its ResourceId and the
/// DataSource (Azure, AWS, GCP, Kubernetes) the cloud provider (cloud profile).
/// </summary>
internal static class CloudAuditEventsMapper
{
    public static MapResult Map(in MapContext context)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = OcsfClasses.Api;
        var action = row.Peek(Column.ActionType);
        var activity = Is(action, "Create"u8) ? 1 : Is(action, "Read"u8) ? 2 : Is(action, "Update"u8) ? 3 : Is(action, "Delete"u8) ? 4 : Is(action, "Unknown"u8) ? 0 : 99;
        row.TryText(Column.ActionType, out _);
        // Defender's own "Other" says nothing; the operation name says what happened.
        var operation = row.Peek(Column.OperationName);
        EventWriter.Begin(context, cls, activity, operation.IsEmpty ? "Other operation"u8 : operation);
        writer.WriteStartObject(Names.Api);
        writer.WriteString(Names.Operation, row.Has(Column.OperationName) ? row.Peek(Column.OperationName) : action.IsEmpty ? "Unknown"u8 : action);
        row.MarkUsed(Column.OperationName);
        writer.WriteEndObject();
        if (row.Has(Column.ResourceId))
        {
            writer.WriteStartArray(Names.Resources);
            writer.WriteStartObject();
            Put.Str(writer, Names.Uid, row, Column.ResourceId);
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        writer.WriteStartObject(Names.Actor);
        // The caller is only inside RawEventData, whose shape depends on the cloud; the data source names the actor's platform.
        writer.WriteString(Names.AppName, row.Has(Column.DataSource) ? row.Peek(Column.DataSource) : "Microsoft Defender for Cloud"u8);
        writer.WriteEndObject();
        writer.WriteStartObject(Names.Cloud);
        writer.WriteString(Names.Provider, row.Has(Column.DataSource) ? row.Peek(Column.DataSource) : "Unknown"u8);
        row.MarkUsed(Column.DataSource);
        writer.WriteEndObject();
        CloudSource.Write(writer, row, Column.IPAddress, Column.CountryCode, Column.City, Put.None, Column.Isp);
        if (row.Has(Column.UserAgent))
        {
            writer.WriteStartObject(Names.HttpRequest);
            Put.Str(writer, Names.UserAgent, row, Column.UserAgent);
            writer.WriteEndObject();
        }

        var observables = new ObservableWriter(writer);
        observables.Add("src_endpoint.ip"u8, 2, EndpointBlock.IpOf(row, Column.IPAddress));
        observables.Add("http_request.user_agent"u8, 16, row.Peek(Column.UserAgent));
        observables.End();
        EventWriter.End(context, OcsfProfiles.Cloud);
        return context.Mapped(cls);
    }

    private static bool Is(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => System.Text.Ascii.EqualsIgnoreCase(a, b);
}
