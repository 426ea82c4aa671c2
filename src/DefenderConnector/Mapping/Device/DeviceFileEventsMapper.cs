namespace DefenderConnector.Mapping.Device;

/// <summary>
/// DeviceFileEvents → File System Activity (1001): FileCreated Create, FileModified Update,
/// FileDeleted Delete, FileRenamed Rename (file = the previous name and folder, file_result = the new one).
/// </summary>
internal static class DeviceFileEventsMapper
{
    public static MapResult Map(in MapContext context)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = OcsfClasses.FileSystem;
        var activity = row.Is(Column.ActionType, "FileCreated"u8) ? 1
            : row.Is(Column.ActionType, "FileModified"u8) ? 3
            : row.Is(Column.ActionType, "FileDeleted"u8) ? 4
            : row.Is(Column.ActionType, "FileRenamed"u8) ? 5
            : 99;
        row.TryText(Column.ActionType, out var actionType);
        EventWriter.Begin(context, cls, activity, actionType);
        DeviceBlock.Write(writer, row);
        ActorBlock.WriteInitiating(writer, row);
        var renamed = activity == 5 && row.Has(Column.PreviousFileName);
        if (renamed)
        {
            FileBlock.Write(writer, "file"u8, row, Column.PreviousFileName, Column.PreviousFolderPath, Put.None, Put.None, Put.None, Put.None);
            FileBlock.Write(writer, "file_result"u8, row, Column.FileName, Column.FolderPath, Column.MD5, Column.SHA1, Column.SHA256, Column.FileSize);
        }
        else if (!FileBlock.Write(writer, "file"u8, row, Column.FileName, Column.FolderPath, Column.MD5, Column.SHA1, Column.SHA256, Column.FileSize))
        {
            // OCSF requires a file; Defender always names one, but a broken row must still be valid.
            writer.WriteStartObject(Names.File);
            writer.WriteString(Names.Name, "Unknown"u8);
            writer.WriteNumber(Names.TypeId, 0);
            writer.WriteString(Names.Type, "Unknown"u8);
            writer.WriteEndObject();
        }

        var observables = new ObservableWriter(writer);
        DeviceBlock.Observe(ref observables, row);
        ActorBlock.Observe(ref observables, row);
        observables.Add(renamed ? "file_result.name"u8 : "file.name"u8, 7, row.Peek(Column.FileName));
        observables.Add(renamed ? "file_result.path"u8 : "file.path"u8, 45, row.Peek(Column.FolderPath));
        observables.Add(renamed ? "file_result.hashes.value"u8 : "file.hashes.value"u8, 8, row.Peek(Column.SHA256));
        observables.End();
        EventWriter.End(context, OcsfProfiles.None);
        return context.Mapped(cls);
    }
}
