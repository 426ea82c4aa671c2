namespace DefenderConnector.Mapping.Identity;

/// <summary>
/// IdentityQueryEvents → API Activity (6003) Read: an LDAP, SAMR, DNS or other query against a
/// domain controller. api.operation is the QueryType (else the ActionType), api.service the
/// protocol, the queried object a resource; the querying account is the actor.
/// </summary>
internal static class IdentityQueryEventsMapper
{
    public static MapResult Map(in MapContext context)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = OcsfClasses.Api;
        EventWriter.Begin(context, cls, 2, default);
        Put.Str(writer, "message"u8, row, Column.ActionType);
        writer.WriteStartObject("api"u8);
        if (!Put.Str(writer, "operation"u8, row, Column.QueryType))
        {
            writer.WriteString("operation"u8, row.Has(Column.ActionType) ? row.Peek(Column.ActionType) : "Query"u8);
        }

        if (row.Has(Column.Protocol))
        {
            writer.WriteStartObject("service"u8);
            Put.Str(writer, "name"u8, row, Column.Protocol);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        if (row.Has(Column.QueryTarget))
        {
            writer.WriteStartArray("resources"u8);
            writer.WriteStartObject();
            Put.Str(writer, "name"u8, row, Column.QueryTarget);
            writer.WriteString("type"u8, "Directory object"u8);
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        IdentityActor.Write(writer, row);
        IdentityActor.WriteSource(writer, row, required: true);
        EndpointBlock.Write(writer, "dst_endpoint"u8, row, Column.DestinationIPAddress, Column.DestinationPort, Column.DestinationDeviceName);
        var observables = new ObservableWriter(writer);
        IdentityObservables.Add(ref observables, row, userIsActor: true);
        observables.End();
        EventWriter.End(context, OcsfProfiles.None);
        return context.Mapped(cls);
    }
}
