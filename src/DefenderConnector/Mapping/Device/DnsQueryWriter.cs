namespace DefenderConnector.Mapping.Device;

/// <summary>
/// DnsQueryResponse as DNS Activity (4003) Response: the name asked (AdditionalFields DnsQueryString)
/// is <c>query.hostname</c>, the records in DnsQueryResult are <c>answers[]</c>. The asking device is
/// both <c>device</c> and the <c>src_endpoint</c> of the query.
/// </summary>
internal static class DnsQueryWriter
{
    public static MapResult Write(in MapContext context, ReadOnlySpan<byte> action, int activity)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = DeviceEventClasses.Dns;
        var additional = new AdditionalFields(row);
        row.TryText(Column.ActionType, out _);
        EventWriter.Begin(context, cls, activity, action);
        additional.TryGet("DnsQueryString"u8, out var query, out var queryLength);
        if (query is not null)
        {
            // query is only recommended, but hostname is required inside it: no name, no query object.
            writer.WriteStartObject(Names.Query);
            writer.WriteString(Names.Hostname, query.AsSpan(0, queryLength));
            writer.WriteEndObject();
        }

        DnsAnswers.Write(writer, additional.Json);
        DeviceBlock.Write(writer, row);
        SourceEndpoint(writer, row);
        ActorBlock.WriteInitiating(writer, row);
        scoped var observables = new ObservableWriter(writer);
        DeviceBlock.Observe(ref observables, row);
        ActorBlock.Observe(ref observables, row);
        if (query is not null)
        {
            observables.Add("query.hostname"u8, 1, query.AsSpan(0, queryLength));
        }

        DnsAnswers.Observe(writer, additional.Json, ref observables);
        observables.End();
        AdditionalFields.Return(query);
        EventWriter.End(context, OcsfProfiles.Host);
        return context.Mapped(cls);
    }

    // The device columns are already placed by the device block; they are repeated here, not re-read.
    private static void SourceEndpoint(OcsfEventWriter writer, in Row row)
    {
        var hostname = row.Peek(Column.DeviceName);
        var uid = row.Peek(Column.DeviceId);
        if (hostname.IsEmpty && uid.IsEmpty)
        {
            return;
        }

        writer.WriteStartObject(Names.SrcEndpoint);
        if (!hostname.IsEmpty)
        {
            writer.WriteString(Names.Hostname, hostname);
        }

        if (!uid.IsEmpty)
        {
            writer.WriteString(Names.Uid, uid);
        }

        writer.WriteEndObject();
    }
}
