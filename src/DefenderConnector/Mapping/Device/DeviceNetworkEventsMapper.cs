namespace DefenderConnector.Mapping.Device;

/// <summary>
/// DeviceNetworkEvents → Network Activity (4001, host profile). Outbound connections put the device
/// (Local*) in src_endpoint and the peer (Remote*) in dst_endpoint; InboundConnectionAccepted swaps them.
/// ConnectionFailed is Fail with status Failure, ListeningConnectionCreated is Listen, *Inspected is Traffic.
/// </summary>
internal static class DeviceNetworkEventsMapper
{
    public static MapResult Map(in MapContext context)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = OcsfClasses.Network;
        var action = row.Peek(Column.ActionType);
        var inbound = row.Is(Column.ActionType, "InboundConnectionAccepted"u8);
        var listen = row.Is(Column.ActionType, "ListeningConnectionCreated"u8);
        var failed = row.Is(Column.ActionType, "ConnectionFailed"u8);
        var activity = failed ? 4
            : listen ? 7
            : inbound || row.Is(Column.ActionType, "ConnectionSuccess"u8) || row.Is(Column.ActionType, "ConnectionRequest"u8) || row.Is(Column.ActionType, "ConnectionAttempt"u8) ? 1
            : action.EndsWith("ConnectionInspected"u8) ? 6
            : 99;
        row.TryText(Column.ActionType, out _);
        EventWriter.Begin(context, cls, activity, action);
        if (failed)
        {
            Put.Enum(writer, Names.StatusId, 2, Names.Status, "Failure"u8);
        }
        else if (activity is 1 or 7)
        {
            Put.Enum(writer, Names.StatusId, 1, Names.Status, "Success"u8);
        }

        DeviceBlock.Write(writer, context.Row);
        ActorBlock.WriteInitiating(writer, row);
        var local = inbound ? "dst_endpoint"u8 : "src_endpoint"u8;
        var remote = inbound ? "src_endpoint"u8 : "dst_endpoint"u8;
        // The local side is the device itself: its name identifies it when Defender reports no local IP.
        var any = EndpointBlock.Write(writer, local, row, Column.LocalIP, Column.LocalPort, Column.DeviceName);
        any |= EndpointBlock.Write(writer, remote, row, Column.RemoteIP, Column.RemotePort, Column.RemoteUrl);
        if (!any)
        {
            // OCSF needs one endpoint; the device itself is the only one known.
            writer.WriteStartObject(Names.SrcEndpoint);
            writer.WriteString(Names.Hostname, row.Has(Column.DeviceName) ? row.Peek(Column.DeviceName) : "Unknown"u8);
            writer.WriteEndObject();
        }

        ConnectionInfo(writer, row, inbound ? 1 : listen ? 0 : 2);
        var observables = new ObservableWriter(writer);
        DeviceBlock.Observe(ref observables, row);
        ActorBlock.Observe(ref observables, row);
        observables.Add(inbound ? "dst_endpoint.ip"u8 : "src_endpoint.ip"u8, 2, EndpointBlock.IpOf(row, Column.LocalIP));
        observables.Add(inbound ? "src_endpoint.ip"u8 : "dst_endpoint.ip"u8, 2, EndpointBlock.IpOf(row, Column.RemoteIP));
        if (Put.IsIp(row.Peek(Column.RemoteIP)) || row.Has(Column.RemoteUrl))
        {
            observables.Add(inbound ? "src_endpoint.hostname"u8 : "dst_endpoint.hostname"u8, 1, row.Peek(Column.RemoteUrl));
        }

        observables.End();
        EventWriter.End(context, OcsfProfiles.Host);
        return context.Mapped(cls);
    }

    private static void ConnectionInfo(OcsfEventWriter writer, in Row row, int direction)
    {
        writer.WriteStartObject(Names.ConnectionInfo);
        Put.Enum(writer, Names.DirectionId, direction, Names.Direction, direction switch { 1 => "Inbound"u8, 2 => "Outbound"u8, _ => "Unknown"u8 });
        var protocol = row.Peek(Column.Protocol);
        if (!protocol.IsEmpty)
        {
            var number = System.Text.Ascii.EqualsIgnoreCase(protocol, "Tcp"u8) ? 6 : System.Text.Ascii.EqualsIgnoreCase(protocol, "Udp"u8) ? 17
                : System.Text.Ascii.EqualsIgnoreCase(protocol, "Icmp"u8) ? 1 : System.Text.Ascii.EqualsIgnoreCase(protocol, "IcmpV6"u8) ? 58 : -1;
            Put.Str(writer, Names.ProtocolName, row, Column.Protocol);
            if (number >= 0)
            {
                writer.WriteNumber(Names.ProtocolNum, number);
            }
        }

        writer.WriteEndObject();
    }
}
