namespace DefenderConnector.Mapping.Device;

/// <summary>
/// DeviceNetworkInfo → Device Inventory Info (5001) Collect with one network interface per row
/// (name, MAC, type). The JSON-in-string lists (IPAddresses, DnsAddresses, ConnectedNetworks...) go
/// under unmapped as JSON.
/// </summary>
internal static class DeviceNetworkInfoMapper
{
    public static MapResult Map(in MapContext context)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = OcsfClasses.DeviceInventory;
        EventWriter.Begin(context, cls, 2, default);
        writer.WriteStartObject(Names.Device);
        writer.WriteNumber(Names.TypeId, 0);
        writer.WriteString(Names.Type, "Unknown"u8);
        var any = Put.Str(writer, Names.Uid, row, Column.DeviceId);
        any |= Put.Str(writer, Names.Hostname, row, Column.DeviceName);
        if (!any)
        {
            writer.WriteString(Names.Name, "Unknown"u8);
        }

        if (row.Has(Column.NetworkAdapterName) || row.Has(Column.MacAddress))
        {
            writer.WriteStartArray(Names.NetworkInterfaces);
            writer.WriteStartObject();
            Put.Str(writer, Names.Name, row, Column.NetworkAdapterName);
            Put.Str(writer, Names.Mac, row, Column.MacAddress);
            var type = row.Peek(Column.NetworkAdapterType);
            if (!type.IsEmpty)
            {
                var id = type.StartsWith("Ethernet"u8) ? 1 : type.StartsWith("Wireless"u8) ? 2 : type.StartsWith("Tunnel"u8) ? 4 : type.StartsWith("Wwan"u8) ? 3 : 99;
                writer.WriteNumber(Names.TypeId, id);
                writer.WriteString(Names.Type, id switch { 1 => "Wired"u8, 2 => "Wireless"u8, 3 => "Mobile"u8, 4 => "Tunnel"u8, _ => type });
                row.MarkUsed(Column.NetworkAdapterType);
            }

            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteStartObject(Names.Actor);
        writer.WriteString(Names.AppName, "Microsoft Defender for Endpoint"u8);
        writer.WriteEndObject();
        var observables = new ObservableWriter(writer);
        DeviceBlock.Observe(ref observables, row);
        observables.Add("device.network_interfaces.mac"u8, 3, row.Peek(Column.MacAddress));
        observables.End();
        EventWriter.End(context, OcsfProfiles.None);
        return context.Mapped(cls);
    }
}
