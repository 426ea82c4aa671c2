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
        Put.Time(writer, Names.StartTime, row, Column.DataAggregationStartTime);
        Put.Time(writer, Names.EndTime, row, Column.DataAggregationEndTime);
        Put.Int(writer, Names.Count, row, Column.OperationsCount);
        writer.WriteStartObject(Names.Databucket);
        writer.WriteNumber(Names.TypeId, 2);
        writer.WriteString(Names.Type, "Azure Blob"u8);
        if (!Put.Str(writer, Names.Name, row, Column.StorageAccount))
        {
            writer.WriteString(Names.Name, "Unknown"u8);
        }

        Put.Str(writer, Names.Uid, row, Column.AzureResourceId);
        writer.WriteEndObject();
        writer.WriteStartObject(Names.Actor);
        if (!UserBlock.Write(writer, "user"u8, row, Account))
        {
            writer.WriteString(Names.AppName, row.Has(Column.AccountApplicationId) ? row.Peek(Column.AccountApplicationId) : "Unknown"u8);
            row.MarkUsed(Column.AccountApplicationId);
        }

        writer.WriteEndObject();
        CloudSource.Write(writer, row, Column.IpAddress, Column.CountryName, Column.CityName, Column.ProvinceName, Put.None);
        if (row.Has(Column.UserAgentHeader))
        {
            writer.WriteStartObject(Names.HttpRequest);
            Put.Str(writer, Names.UserAgent, row, Column.UserAgentHeader);
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
