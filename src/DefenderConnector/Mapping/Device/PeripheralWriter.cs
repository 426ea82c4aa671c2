namespace DefenderConnector.Mapping.Device;

/// <summary>
/// USB drive mounts/unmounts and PnP device connections as Peripheral Activity (1010). The device
/// is described from AdditionalFields: name from ProductName (USB drives) or DeviceDescription (PnP),
/// vendor from Manufacturer, serial from SerialNumber, uid from the PnP instance DeviceId, class from ClassName.
/// </summary>
internal static class PeripheralWriter
{
    public static MapResult Write(in MapContext context, ReadOnlySpan<byte> action, int activity)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = DeviceEventClasses.Peripheral;
        var additional = new AdditionalFields(row);
        row.TryText(Column.ActionType, out _);
        EventWriter.Begin(context, cls, activity, action);
        writer.WriteStartObject(Names.PeripheralDevice);
        if (!Field(writer, "name"u8, additional, "ProductName"u8) && !Field(writer, "name"u8, additional, "DeviceDescription"u8))
        {
            // OCSF requires the name; a row that names nothing gets the least-inventive placeholder.
            writer.WriteString(Names.Name, "Unknown"u8);
        }

        Field(writer, "vendor_name"u8, additional, "Manufacturer"u8);
        Field(writer, "serial_number"u8, additional, "SerialNumber"u8);
        Field(writer, "uid"u8, additional, "DeviceId"u8);
        Field(writer, "class"u8, additional, "ClassName"u8);
        if (action.StartsWith("UsbDrive"u8))
        {
            // A mounted USB drive is removable storage by definition; PnP devices could be anything.
            Put.Enum(writer, Names.TypeId, 1, Names.Type, "External Storage"u8);
        }

        writer.WriteEndObject();
        DeviceBlock.Write(writer, row);
        ActorBlock.WriteInitiating(writer, row);
        var observables = new ObservableWriter(writer);
        DeviceBlock.Observe(ref observables, row);
        ActorBlock.Observe(ref observables, row);
        observables.End();
        EventWriter.End(context, OcsfProfiles.None);
        return context.Mapped(cls);
    }

    private static bool Field(OcsfEventWriter writer, ReadOnlySpan<byte> name, in AdditionalFields additional, ReadOnlySpan<byte> property)
    {
        if (!additional.TryGet(property, out var buffer, out var length))
        {
            return false;
        }

        writer.WriteString(name, buffer.AsSpan(0, length));
        AdditionalFields.Return(buffer);
        return true;
    }
}
