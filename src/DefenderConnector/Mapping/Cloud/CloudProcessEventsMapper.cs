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
        writer.WriteStartObject(Names.Device);
        writer.WriteNumber(Names.TypeId, 6);
        writer.WriteString(Names.Type, "Virtual"u8);
        var any = Put.Str(writer, Names.Uid, row, Column.AzureResourceId) || Put.Str(writer, Names.Uid, row, Column.AwsResourceName) || Put.Str(writer, Names.Uid, row, Column.GcpFullResourceName);
        any |= Put.Str(writer, Names.Hostname, row, Column.KubernetesPodName);
        if (!any)
        {
            writer.WriteString(Names.Name, "Unknown"u8);
        }

        writer.WriteEndObject();
        writer.WriteStartObject(Names.Actor);
        if (row.IsLong(Column.ParentProcessId) || row.IsLong(Column.InitiatingProcessId))
        {
            writer.WriteStartObject(Names.Process);
            if (!Put.Int(writer, Names.Pid, row, Column.ParentProcessId))
            {
                Put.Int(writer, Names.Pid, row, Column.InitiatingProcessId);
            }

            Put.Str(writer, Names.Name, row, Column.ParentProcessName);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteString(Names.AppName, "Microsoft Defender for Cloud"u8);
        }

        writer.WriteEndObject();
        writer.WriteStartObject(Names.Process);
        if (!Put.Int(writer, Names.Pid, row, Column.ProcessId))
        {
            // OCSF needs a pid; a row without one keeps its source text in unmapped.
            writer.WriteNumber(Names.Pid, 0);
        }

        if (!Put.Str(writer, Names.Name, row, Column.ProcessName))
        {
            Put.Str(writer, Names.Name, row, Column.FileName);
        }

        Put.Str(writer, Names.CmdLine, row, Column.ProcessCommandLine);
        Put.Time(writer, Names.CreatedTime, row, Column.ProcessCreationTime);
        Put.Str(writer, Names.WorkingDirectory, row, Column.ProcessCurrentWorkingDirectory);
        FileBlock.Write(writer, "file"u8, row, Column.FileName, Column.FolderPath, Put.None, Put.None, Put.None, Put.None);
        if (row.Has(Column.AccountName))
        {
            writer.WriteStartObject(Names.User);
            Put.Str(writer, Names.Name, row, Column.AccountName);
            writer.WriteEndObject();
        }

        if (row.Has(Column.ContainerId) || row.Has(Column.ContainerName))
        {
            writer.WriteStartObject(Names.Container);
            Put.Str(writer, Names.Uid, row, Column.ContainerId);
            Put.Str(writer, Names.Name, row, Column.ContainerName);
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
