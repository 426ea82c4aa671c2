namespace DefenderConnector.Mapping.Email;

/// <summary>
/// EmailEvents → Email Activity (4009): Inbound is Receive (direction Inbound), Outbound is Send
/// (Outbound), Intra-org is Receive (Internal). The delivery action is the security-control outcome;
/// the sender's IP is src_endpoint.
/// </summary>
internal static class EmailEventsMapper
{
    public static MapResult Map(in MapContext context)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = OcsfClasses.Email;
        var direction = row.Is(Column.EmailDirection, "Inbound"u8) ? 1 : row.Is(Column.EmailDirection, "Outbound"u8) ? 2 : row.Is(Column.EmailDirection, "Intra-org"u8) ? 3 : 0;
        EventWriter.Begin(context, cls, direction switch { 1 or 3 => 2, 2 => 1, _ => 0 }, default);
        writer.WriteNumber(Names.DirectionId, direction);
        writer.WriteString(Names.Direction, direction switch { 1 => "Inbound"u8, 2 => "Outbound"u8, 3 => "Internal"u8, _ => "Unknown"u8 });
        row.MarkUsed(Column.EmailDirection);
        EmailVerdicts.Write(writer, row, Column.DeliveryAction);
        EmailBlock.Write(writer, row, EmailColumns.Mail, withFiles: false, withUrls: false);
        if (!EndpointBlock.Write(writer, "src_endpoint"u8, row, Column.SenderIPv4, Put.None, Put.None))
        {
            EndpointBlock.Write(writer, "src_endpoint"u8, row, Column.SenderIPv6, Put.None, Put.None);
        }

        var observables = new ObservableWriter(writer);
        EmailObservables.Add(ref observables, row, EmailColumns.Mail);
        observables.Add("src_endpoint.ip"u8, 2, Put.IsIp(row.Peek(Column.SenderIPv4)) ? row.Peek(Column.SenderIPv4) : EndpointBlock.IpOf(row, Column.SenderIPv6));
        observables.End();
        EventWriter.End(context, OcsfProfiles.SecurityControl);
        return context.Mapped(cls);
    }
}
