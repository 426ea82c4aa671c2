namespace DefenderConnector.Mapping.Device;

/// <summary>
/// DeviceEvents rows about one file as File System Activity (1001): the row's file (FileName,
/// FolderPath, hashes) acted on by the initiating process. A named pipe is a file of type Named Pipe
/// named by AdditionalFields PipeName. Network share objects (NetworkShareObject*) are File Hosting
/// Activity (6006) on the device's share: Share, Delete, Update, Access Check; the remote client
/// (RemoteIP / RemoteDeviceName) is the source, or the device itself when Defender names no client.
/// </summary>
internal static class DeviceFileWriter
{
    public static MapResult WriteFile(in MapContext context, ReadOnlySpan<byte> action, int activity)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = OcsfClasses.FileSystem;
        var additional = new AdditionalFields(row);
        DeviceEventParts.Begin(context, cls, activity, action);
        if (action.SequenceEqual("NamedPipeEvent"u8))
        {
            DeviceEventParts.RequiredFile(writer, "file"u8, row, additional, "PipeName"u8, 6, "Named Pipe"u8);
        }
        else
        {
            DeviceEventParts.RequiredFile(writer, "file"u8, row, additional, default);
        }

        DeviceEventParts.DeviceAndActor(writer, row);
        return End(context, cls, "file"u8);
    }

    public static MapResult WriteShare(in MapContext context, ReadOnlySpan<byte> action, int activity)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = OcsfClasses.FileHosting;
        var additional = new AdditionalFields(row);
        DeviceEventParts.Begin(context, cls, activity, action);
        DeviceEventParts.RequiredFile(writer, "file"u8, row, additional, "ShareName"u8, 2, "Folder"u8);
        if (!EndpointBlock.Write(writer, "src_endpoint"u8, row, Column.RemoteIP, Column.RemotePort, Column.RemoteDeviceName))
        {
            writer.WriteStartObject(Names.SrcEndpoint);
            writer.WriteString(Names.Hostname, row.Has(Column.DeviceName) ? row.Peek(Column.DeviceName) : "Unknown"u8);
            writer.WriteEndObject();
        }

        DeviceEventParts.DeviceAndActor(writer, row);
        return End(context, cls, "file"u8);
    }

    private static MapResult End(in MapContext context, OcsfClass cls, ReadOnlySpan<byte> file)
    {
        var row = context.Row;
        var observables = new ObservableWriter(context.Writer);
        DeviceBlock.Observe(ref observables, row);
        ActorBlock.Observe(ref observables, row);
        observables.Add("file.name"u8, 7, row.Peek(Column.FileName));
        observables.Add("file.hashes.value"u8, 8, row.Peek(Column.SHA256));
        observables.End();
        EventWriter.End(context, cls.Uid == OcsfClasses.FileSystem.Uid ? OcsfProfiles.None : OcsfProfiles.Host);
        return context.Mapped(cls);
    }
}
