namespace DefenderConnector.Mapping.Device;

/// <summary>
/// ServiceInstalled and FirewallServiceStopped as Windows Service Activity (201004, win extension):
/// the service from AdditionalFields (ServiceName, ServiceAccount), its binary from the row's file;
/// DriverLoad as Kernel Extension Activity (1002) Load with the row's file as the driver.
/// </summary>
internal static class ServiceDriverWriter
{
    // The Windows Defender Firewall service's name; FirewallServiceStopped rows do not repeat it.
    private static ReadOnlySpan<byte> FirewallService => "MpsSvc"u8;

    private static readonly OcsfAttribute ServiceStartName = new("service_start_name");

    public static MapResult WriteService(in MapContext context, ReadOnlySpan<byte> action, int activity)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = DeviceEventClasses.WindowsService;
        var additional = new AdditionalFields(row);
        DeviceEventParts.Begin(context, cls, activity, action);
        writer.WriteStartObject(Names.WinService);
        if (!additional.Write(writer, Names.Name, "ServiceName"u8))
        {
            writer.WriteString(Names.Name, action.StartsWith("Firewall"u8) ? FirewallService : "Unknown"u8);
        }

        // OCSF wants one of the service's details; the account it runs as is the one Defender reports,
        // else its type is said to be unknown rather than guessed.
        if (!additional.Write(writer, ServiceStartName, "ServiceAccount"u8))
        {
            writer.WriteNumber(Names.ServiceTypeId, 0);
            writer.WriteString(Names.ServiceType, "Unknown"u8);
        }

        FileBlock.Write(writer, "service_file"u8, row, Column.FileName, Column.FolderPath, Column.MD5, Column.SHA1, Column.SHA256, Column.FileSize);
        writer.WriteEndObject();
        DeviceEventParts.DeviceAndActor(writer, row);
        return End(context, cls, "win_service.service_file.name"u8, "win_service.service_file.hashes.value"u8);
    }

    public static MapResult WriteDriver(in MapContext context, ReadOnlySpan<byte> action, int activity)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = DeviceEventClasses.KernelExtension;
        var additional = new AdditionalFields(row);
        DeviceEventParts.Begin(context, cls, activity, action);
        writer.WriteStartObject(Names.Driver);
        DeviceEventParts.RequiredFile(writer, "file"u8, row, additional, default);
        writer.WriteEndObject();
        DeviceEventParts.DeviceAndActor(writer, row);
        return End(context, cls, "driver.file.name"u8, "driver.file.hashes.value"u8);
    }

    private static MapResult End(in MapContext context, OcsfClass cls, ReadOnlySpan<byte> fileName, ReadOnlySpan<byte> fileHash)
    {
        var observables = new ObservableWriter(context.Writer);
        DeviceBlock.Observe(ref observables, context.Row);
        ActorBlock.Observe(ref observables, context.Row);
        observables.Add(fileName, 7, context.Row.Peek(Column.FileName));
        observables.Add(fileHash, 8, context.Row.Peek(Column.SHA256));
        observables.End();
        EventWriter.End(context, OcsfProfiles.None);
        return context.Mapped(cls);
    }
}
