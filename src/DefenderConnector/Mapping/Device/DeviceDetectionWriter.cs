namespace DefenderConnector.Mapping.Device;

/// <summary>
/// A DeviceEvents protection row (antivirus, ASR, exploit guard, SmartScreen, controlled folder
/// access, application control, device control, tampering) as a Detection Finding: *Blocked is
/// Denied/Blocked, *Allowed Allowed/Allowed, *Audited Observed/Logged, anything else Observed/Detected. The file and process the control acted on are its evidence.
/// </summary>
internal static class DeviceDetectionWriter
{
    public static MapResult Write(in MapContext context, ReadOnlySpan<byte> action)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = OcsfClasses.DetectionFinding;
        row.TryText(Column.ActionType, out _);
        EventWriter.Begin(context, cls, 1, default, severityId: 3);
        var blocked = action.EndsWith("Blocked"u8) || action.EndsWith("Block"u8);
        var audited = action.EndsWith("Audited"u8);
        var allowed = action.EndsWith("Allowed"u8);
        Put.Enum(writer, Names.ActionId, blocked ? 2 : allowed ? 1 : 3, Names.Action, blocked ? "Denied"u8 : allowed ? "Allowed"u8 : "Observed"u8);
        Put.Enum(writer, Names.DispositionId, blocked ? 2 : allowed ? 1 : audited ? 17 : 15, Names.Disposition, blocked ? "Blocked"u8 : allowed ? "Allowed"u8 : audited ? "Logged"u8 : "Detected"u8);
        writer.WriteBoolean(Names.IsAlert, blocked);
        writer.WriteStartObject(Names.FindingInfo);
        writer.WriteString(Names.Uid, context.Origin.Uid);
        writer.WriteString(Names.Title, action);
        writer.WriteStartArray(Names.Types);
        writer.WriteStringValue(action);
        writer.WriteEndArray();
        writer.WriteEndObject();
        DeviceBlock.Write(writer, row);
        ActorBlock.WriteInitiating(writer, row);
        if (row.Has(Column.FileName) || row.IsLong(Column.ProcessId))
        {
            writer.WriteStartArray(Names.Evidences);
            writer.WriteStartObject();
            FileBlock.Write(writer, "file"u8, row, Column.FileName, Column.FolderPath, Column.MD5, Column.SHA1, Column.SHA256, Column.FileSize);
            ProcessBlock.Write(writer, "process"u8, row, ProcessColumns.Created, UserColumns.Account, withUser: true, withParent: false);
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        var observables = new ObservableWriter(writer);
        DeviceBlock.Observe(ref observables, row);
        ActorBlock.Observe(ref observables, row);
        observables.Add("evidences.file.name"u8, 7, row.Peek(Column.FileName));
        observables.Add("evidences.file.hashes.value"u8, 8, row.Peek(Column.SHA256));
        observables.End();
        EventWriter.End(context, OcsfProfiles.SecurityControl | OcsfProfiles.Host);
        return context.Mapped(cls);
    }
}
