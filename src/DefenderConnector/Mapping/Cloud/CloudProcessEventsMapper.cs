using System.Text.Json;

namespace DefenderConnector.Mapping.Cloud;

/// <summary>
/// CloudProcessEvents → Process Activity (1007), ProcessCreated Launch, else Other: a process in a
/// cloud workload (Kubernetes pod, container). The parent is the actor's process, the container goes
/// in process.container (container profile), the cloud resource id is the device uid.
/// </summary>
internal static class CloudProcessEventsMapper
{
    public static MapResult Map(in MapContext context)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = OcsfClasses.Process;
        var action = row.Peek(Column.ActionType);
        row.TryText(Column.ActionType, out _);
        EventWriter.Begin(context, cls, System.Text.Ascii.EqualsIgnoreCase(action, "ProcessCreated"u8) ? 1 : 99, action);
        writer.WriteStartObject("device"u8);
        writer.WriteNumber("type_id"u8, 6);
        writer.WriteString("type"u8, "Virtual"u8);
        var any = Put.Str(writer, "uid"u8, row, Column.AzureResourceId) || Put.Str(writer, "uid"u8, row, Column.AwsResourceName) || Put.Str(writer, "uid"u8, row, Column.GcpFullResourceName);
        any |= Put.Str(writer, "hostname"u8, row, Column.KubernetesPodName);
        if (!any)
        {
            writer.WriteString("name"u8, "Unknown"u8);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("actor"u8);
        if (row.IsLong(Column.ParentProcessId) || row.IsLong(Column.InitiatingProcessId))
        {
            writer.WriteStartObject("process"u8);
            if (!Put.Int(writer, "pid"u8, row, Column.ParentProcessId))
            {
                Put.Int(writer, "pid"u8, row, Column.InitiatingProcessId);
            }

            Put.Str(writer, "name"u8, row, Column.ParentProcessName);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteString("app_name"u8, "Microsoft Defender for Cloud"u8);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("process"u8);
        if (!Put.Int(writer, "pid"u8, row, Column.ProcessId))
        {
            // OCSF needs a pid; a row without one keeps its source text in unmapped.
            writer.WriteNumber("pid"u8, 0);
        }

        if (!Put.Str(writer, "name"u8, row, Column.ProcessName))
        {
            Put.Str(writer, "name"u8, row, Column.FileName);
        }

        Put.Str(writer, "cmd_line"u8, row, Column.ProcessCommandLine);
        Put.Time(writer, "created_time"u8, row, Column.ProcessCreationTime);
        Put.Str(writer, "working_directory"u8, row, Column.ProcessCurrentWorkingDirectory);
        FileBlock.Write(writer, "file"u8, row, Column.FileName, Column.FolderPath, Put.None, Put.None, Put.None, Put.None);
        if (row.Has(Column.AccountName))
        {
            writer.WriteStartObject("user"u8);
            Put.Str(writer, "name"u8, row, Column.AccountName);
            writer.WriteEndObject();
        }

        if (row.Has(Column.ContainerId) || row.Has(Column.ContainerName))
        {
            writer.WriteStartObject("container"u8);
            Put.Str(writer, "uid"u8, row, Column.ContainerId);
            Put.Str(writer, "name"u8, row, Column.ContainerName);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        var observables = new ObservableWriter(writer);
        observables.Add("process.cmd_line"u8, 13, row.Peek(Column.ProcessCommandLine));
        observables.Add("process.file.name"u8, 7, row.Peek(Column.FileName));
        observables.End();
        EventWriter.End(context, OcsfProfiles.Container);
        return context.Mapped(cls);
    }
}
