namespace DefenderConnector.Mapping.Device;

/// <summary>DeviceImageLoadEvents → Module Activity (1005) Load; the loaded image is module.file, the loader is the actor.</summary>
internal static class DeviceImageLoadEventsMapper
{
    public static MapResult Map(in MapContext context)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = OcsfClasses.Module;
        var activity = row.Is(Column.ActionType, "ImageLoaded"u8) ? 1 : 99;
        row.TryText(Column.ActionType, out var actionType);
        EventWriter.Begin(context, cls, activity, actionType);
        DeviceBlock.Write(writer, row);
        ActorBlock.WriteInitiating(writer, row);
        writer.WriteStartObject(Names.Module);
        // A loader's ordinary image load; Defender does not report reflective or shellcode loads here.
        writer.WriteNumber(Names.LoadTypeId, 1);
        writer.WriteString(Names.LoadType, "Standard"u8);
        FileBlock.Write(writer, "file"u8, row, Column.FileName, Column.FolderPath, Column.MD5, Column.SHA1, Column.SHA256, Column.FileSize);
        writer.WriteEndObject();
        var observables = new ObservableWriter(writer);
        DeviceBlock.Observe(ref observables, row);
        ActorBlock.Observe(ref observables, row);
        observables.Add("module.file.name"u8, 7, row.Peek(Column.FileName));
        observables.Add("module.file.hashes.value"u8, 8, row.Peek(Column.SHA256));
        observables.End();
        EventWriter.End(context, OcsfProfiles.None);
        return context.Mapped(cls);
    }
}
