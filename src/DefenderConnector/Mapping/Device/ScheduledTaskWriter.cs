using System.Buffers;

namespace DefenderConnector.Mapping.Device;

/// <summary>
/// ScheduledTaskCreated/Updated/Deleted/Enabled/Disabled as Scheduled Job Activity (1006): the job
/// is named by AdditionalFields TaskName and, when the task XML (TaskContent) has an Exec action,
/// carries its command line. The task XML itself stays in <c>unmapped</c> with the rest of AdditionalFields.
/// </summary>
internal static class ScheduledTaskWriter
{
    public static MapResult Write(in MapContext context, ReadOnlySpan<byte> action, int activity)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = DeviceEventClasses.ScheduledJob;
        var additional = new AdditionalFields(row);
        row.TryText(Column.ActionType, out _);
        EventWriter.Begin(context, cls, activity, action);
        writer.WriteStartObject(Names.Job);
        additional.TryGet("TaskName"u8, out var name, out var nameLength);
        // OCSF requires job.name; a row without TaskName gets the least-inventive placeholder.
        writer.WriteString(Names.Name, name is null ? "Unknown"u8 : name.AsSpan(0, nameLength));
        if (additional.TryGet("TaskContent"u8, out var content, out var contentLength))
        {
            // Decoding never lengthens the XML text, so the command line fits in the XML's length (+1 for the space).
            var line = ArrayPool<byte>.Shared.Rent(contentLength + 1);
            var lineLength = TaskCommandLine.Derive(content.AsSpan(0, contentLength), line);
            if (lineLength > 0)
            {
                writer.WriteString(Names.CmdLine, line.AsSpan(0, lineLength));
            }

            ArrayPool<byte>.Shared.Return(line);
        }

        writer.WriteEndObject();
        DeviceBlock.Write(writer, row);
        ActorBlock.WriteInitiating(writer, row);
        var observables = new ObservableWriter(writer);
        DeviceBlock.Observe(ref observables, row);
        ActorBlock.Observe(ref observables, row);
        observables.End();
        AdditionalFields.Return(name);
        AdditionalFields.Return(content);
        EventWriter.End(context, OcsfProfiles.None);
        return context.Mapped(cls);
    }
}
