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
        Put.Str(writer, Names.Message, row, Column.ActionType);
        writer.WriteStartObject(Names.Api);
        if (!Put.Str(writer, Names.Operation, row, Column.QueryType))
        {
            writer.WriteString(Names.Operation, row.Has(Column.ActionType) ? row.Peek(Column.ActionType) : "Query"u8);
        }

        if (row.Has(Column.Protocol))
        {
            writer.WriteStartObject(Names.Service);
            Put.Str(writer, Names.Name, row, Column.Protocol);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        if (row.Has(Column.QueryTarget))
        {
            writer.WriteStartArray(Names.Resources);
            writer.WriteStartObject();
            Put.Str(writer, Names.Name, row, Column.QueryTarget);
            writer.WriteString(Names.Type, "Directory object"u8);
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
