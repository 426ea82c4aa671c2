namespace DefenderConnector.Mapping.Device;

/// <summary>
/// DeviceEvents rows about processes as Process Activity (1007). Who is who depends on the ActionType:
/// for injection, handle opening, WMI-created processes and token changes the row's own process
/// columns (FileName, ProcessId, ProcessCommandLine...) describe the <b>target</b> process and the
/// InitiatingProcess* columns the actor; for the ActionTypes that only describe what the initiating
/// process itself did (clipboard, screenshot, key state, LDAP search, DPAPI, WMI...) that process is
/// the <c>process</c> and its account the actor. A process's command line always comes from its own column.
/// </summary>
internal static class DeviceProcessActivityWriter
{
    public static MapResult Write(in MapContext context, ReadOnlySpan<byte> action, int activity, bool target)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = OcsfClasses.Process;
        DeviceEventParts.Begin(context, cls, activity, action);
        DeviceBlock.Write(writer, row);
        if (target)
        {
            ActorBlock.WriteInitiating(writer, row);
            ProcessBlock.WriteRequired(writer, "process"u8, row, ProcessColumns.Created, UserColumns.Account, withParent: false);
        }
        else
        {
            writer.WriteStartObject(Names.Actor);
            if (!UserBlock.Write(writer, "user"u8, row, UserColumns.InitiatingProcess))
            {
                writer.WriteString(Names.AppName, "Microsoft Defender for Endpoint"u8);
            }

            writer.WriteEndObject();
            ProcessBlock.WriteRequired(writer, "process"u8, row, ProcessColumns.Initiating, UserColumns.InitiatingProcess, withParent: true);
        }

        var observables = new ObservableWriter(writer);
        DeviceBlock.Observe(ref observables, row);
        if (target)
        {
            ActorBlock.Observe(ref observables, row);
            ProcessBlock.Observe(ref observables, "process"u8, row, ProcessColumns.Created);
        }
        else
        {
            ProcessBlock.Observe(ref observables, "process"u8, row, ProcessColumns.Initiating);
            observables.Add("actor.user.name"u8, 4, UserBlock.NameOf(row, UserColumns.InitiatingProcess));
        }

        observables.End();
        EventWriter.End(context, OcsfProfiles.None);
        return context.Mapped(cls);
    }
}
