using System.Text.Json;

namespace DefenderConnector.Mapping.Device;

/// <summary>DeviceInfo → Device Inventory Info (5001) Collect: the device with its OS, model and vendor.</summary>
internal static class DeviceInfoMapper
{
    public static MapResult Map(in MapContext context)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = OcsfClasses.DeviceInventory;
        EventWriter.Begin(context, cls, 2, default);
        writer.WriteStartObject(Names.Device);
        var (typeId, type) = DeviceType(row.Peek(Column.DeviceType));
        writer.WriteNumber(Names.TypeId, typeId);
        if (typeId == 99)
        {
            writer.WriteString(Names.Type, row.Peek(Column.DeviceType));
        }
        else
        {
            writer.WriteString(Names.Type, type);
        }

        row.MarkUsed(Column.DeviceType);
        var any = Put.Str(writer, Names.Uid, row, Column.DeviceId);
        any |= Put.Str(writer, Names.Hostname, row, Column.DeviceName);
        if (!any)
        {
            writer.WriteString(Names.Name, "Unknown"u8);
        }

        Put.Str(writer, Names.Model, row, Column.Model);
        Put.Str(writer, Names.VendorName, row, Column.Vendor);
        Put.Str(writer, Names.UidAlt, row, Column.AadDeviceId);
        Os(writer, row);
        writer.WriteEndObject();
        writer.WriteStartObject(Names.Actor);
        writer.WriteString(Names.AppName, "Microsoft Defender for Endpoint"u8);
        writer.WriteEndObject();
        var observables = new ObservableWriter(writer);
        DeviceBlock.Observe(ref observables, row);
        observables.End();
        EventWriter.End(context, OcsfProfiles.None);
        return context.Mapped(cls);
    }

    private static void Os(OcsfEventWriter writer, in Row row)
    {
        var platform = row.Peek(Column.OSPlatform);
        if (platform.IsEmpty)
        {
            return;
        }

        writer.WriteStartObject(Names.Os);
        writer.WriteString(Names.Name, platform);
        row.MarkUsed(Column.OSPlatform);
        var typeId = platform.StartsWith("Windows"u8) ? 100 : platform.StartsWith("Linux"u8) ? 200 : platform.StartsWith("macOS"u8) ? 300
            : platform.StartsWith("iOS"u8) ? 301 : platform.StartsWith("Android"u8) ? 201 : 99;
        writer.WriteNumber(Names.TypeId, typeId);
        writer.WriteString(Names.Type, typeId switch { 100 => "Windows"u8, 200 => "Linux"u8, 300 => "macOS"u8, 301 => "iOS"u8, 201 => "Android"u8, _ => platform });
        Put.Str(writer, Names.Build, row, Column.OSBuild);
        Put.Str(writer, Names.Version, row, Column.OSVersion);
        Put.Str(writer, Names.Edition, row, Column.OSDistribution);
        writer.WriteEndObject();
    }

    private static (int Id, string Caption) DeviceType(ReadOnlySpan<byte> text) => text switch
    {
        _ when text.IsEmpty => (0, "Unknown"),
        _ when System.Text.Ascii.EqualsIgnoreCase(text, "Workstation"u8) => (2, "Desktop"),
        _ when System.Text.Ascii.EqualsIgnoreCase(text, "Server"u8) => (1, "Server"),
        _ when System.Text.Ascii.EqualsIgnoreCase(text, "Mobile"u8) || System.Text.Ascii.EqualsIgnoreCase(text, "Smartphone"u8) => (5, "Mobile"),
        _ when System.Text.Ascii.EqualsIgnoreCase(text, "Tablet"u8) => (4, "Tablet"),
        _ when System.Text.Ascii.EqualsIgnoreCase(text, "NetworkDevice"u8) || System.Text.Ascii.EqualsIgnoreCase(text, "Router"u8) => (12, "Router"),
        _ => (99, string.Empty),
    };
}
