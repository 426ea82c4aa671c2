namespace DefenderConnector.Mapping.Device;

/// <summary>
/// DeviceEvents rows about connections. Firewall blocks are Network Activity (4001) Refuse with action
/// Denied and disposition Blocked; RemoteDesktopConnection and UntrustedWifiConnection are Open. For
/// inbound ActionTypes (FirewallInbound*, RemoteDesktopConnection) the remote side is the source and the
/// device the destination; otherwise the device is the source. BrowserLaunchedToOpenUrl and the
/// Application Guard URL events are Web Resources Activity (6001) Read of RemoteUrl.
/// </summary>
internal static class DeviceConnectionWriter
{
    public static MapResult WriteNetwork(in MapContext context, ReadOnlySpan<byte> action, int activity)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = OcsfClasses.Network;
        var inbound = action.StartsWith("FirewallInbound"u8) || action.SequenceEqual("RemoteDesktopConnection"u8);
        var refused = activity == 5;
        DeviceEventParts.Begin(context, cls, activity, action);
        if (refused)
        {
            Put.Enum(writer, Names.ActionId, 2, Names.Action, "Denied"u8);
            Put.Enum(writer, Names.DispositionId, 2, Names.Disposition, "Blocked"u8);
        }

        DeviceEventParts.DeviceAndActor(writer, row);
        var local = inbound ? "dst_endpoint"u8 : "src_endpoint"u8;
        var remote = inbound ? "src_endpoint"u8 : "dst_endpoint"u8;
        var any = EndpointBlock.Write(writer, local, row, Column.LocalIP, Column.LocalPort, Column.DeviceName);
        any |= EndpointBlock.Write(writer, remote, row, Column.RemoteIP, Column.RemotePort, Column.RemoteDeviceName);
        if (!any)
        {
            writer.WriteStartObject(Names.SrcEndpoint);
            writer.WriteString(Names.Hostname, "Unknown"u8);
            writer.WriteEndObject();
        }

        writer.WriteStartObject(Names.ConnectionInfo);
        Put.Enum(writer, Names.DirectionId, inbound ? 1 : 2, Names.Direction, inbound ? "Inbound"u8 : "Outbound"u8);
        writer.WriteEndObject();
        var observables = new ObservableWriter(writer);
        DeviceBlock.Observe(ref observables, row);
        ActorBlock.Observe(ref observables, row);
        observables.Add(inbound ? "dst_endpoint.ip"u8 : "src_endpoint.ip"u8, 2, EndpointBlock.IpOf(row, Column.LocalIP));
        observables.Add(inbound ? "src_endpoint.ip"u8 : "dst_endpoint.ip"u8, 2, EndpointBlock.IpOf(row, Column.RemoteIP));
        observables.End();
        EventWriter.End(context, refused ? OcsfProfiles.Host | OcsfProfiles.SecurityControl : OcsfProfiles.Host);
        return context.Mapped(cls);
    }

    public static MapResult WriteWeb(in MapContext context, ReadOnlySpan<byte> action, int activity)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = OcsfClasses.WebResources;
        var additional = new AdditionalFields(row);
        DeviceEventParts.Begin(context, cls, activity, action);
        writer.WriteStartArray(Names.WebResources);
        writer.WriteStartObject();
        if (row.TryText(Column.RemoteUrl, out var url))
        {
            writer.WriteString(Names.Name, url);
            writer.WriteString(Names.UrlString, url);
        }
        else if (!additional.Write(writer, Names.Name, "Uri"u8) && !additional.Write(writer, Names.Name, "destinationUrl"u8))
        {
            writer.WriteString(Names.Name, "Unknown"u8);
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
        DeviceEventParts.DeviceAndActor(writer, row);
        var observables = new ObservableWriter(writer);
        DeviceBlock.Observe(ref observables, row);
        ActorBlock.Observe(ref observables, row);
        observables.Add("web_resources.url_string"u8, 6, row.Peek(Column.RemoteUrl));
        observables.End();
        EventWriter.End(context, OcsfProfiles.Host);
        return context.Mapped(cls);
    }
}
