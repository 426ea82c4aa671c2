using System.Text.Json;

namespace DefenderConnector.Mapping.Cloud;

/// <summary>
/// CloudStorageAggregatedEvents → Datastore Activity (6005) Other named after the ActionType: an
/// aggregate of storage operations by one client on one storage account (the databucket), over
/// start_time..end_time, with count = OperationsCount. The per-kind counts stay in unmapped.
/// </summary>
internal static class CloudStorageAggregatedEventsMapper
{
    private static readonly UserColumns Account = new(Column.AccountUpn, Put.None, Put.None, Put.None, Column.AccountObjectId, Put.None);

    public static MapResult Map(in MapContext context)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = OcsfClasses.Datastore;
        var action = row.Peek(Column.ActionType);
        row.TryText(Column.ActionType, out _);
        EventWriter.Begin(context, cls, 99, action.IsEmpty ? "Aggregated storage operations"u8 : action, timeColumn: row.Has(Column.Timestamp) ? Column.Timestamp : Column.DataAggregationEndTime);
        Put.Time(writer, "start_time"u8, row, Column.DataAggregationStartTime);
        Put.Time(writer, "end_time"u8, row, Column.DataAggregationEndTime);
        Put.Int(writer, "count"u8, row, Column.OperationsCount);
        writer.WriteStartObject("databucket"u8);
        writer.WriteNumber("type_id"u8, 2);
        writer.WriteString("type"u8, "Azure Blob"u8);
        if (!Put.Str(writer, "name"u8, row, Column.StorageAccount))
        {
            writer.WriteString("name"u8, "Unknown"u8);
        }

        Put.Str(writer, "uid"u8, row, Column.AzureResourceId);
        writer.WriteEndObject();
        writer.WriteStartObject("actor"u8);
        if (!UserBlock.Write(writer, "user"u8, row, Account))
        {
            writer.WriteString("app_name"u8, row.Has(Column.AccountApplicationId) ? row.Peek(Column.AccountApplicationId) : "Unknown"u8);
            row.MarkUsed(Column.AccountApplicationId);
        }

        writer.WriteEndObject();
        CloudSource.Write(writer, row, Column.IpAddress, Column.CountryName, Column.CityName, Column.ProvinceName, Put.None);
        if (row.Has(Column.UserAgentHeader))
        {
            writer.WriteStartObject("http_request"u8);
            Put.Str(writer, "user_agent"u8, row, Column.UserAgentHeader);
            writer.WriteEndObject();
        }

        var observables = new ObservableWriter(writer);
        observables.Add("src_endpoint.ip"u8, 2, EndpointBlock.IpOf(row, Column.IpAddress));
        observables.Add("actor.user.name"u8, 4, row.Peek(Column.AccountUpn));
        observables.End();
        EventWriter.End(context, OcsfProfiles.None);
        return context.Mapped(cls);
    }
}
