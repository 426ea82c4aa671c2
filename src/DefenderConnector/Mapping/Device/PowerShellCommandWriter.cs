namespace DefenderConnector.Mapping.Device;

/// <summary>
/// PowerShellCommand (and ScriptContent, AmsiScriptContent) as Script Activity (1009) Execute: the command Defender captured
/// (AdditionalFields Command) is the PowerShell script content, run by the initiating process (the actor).
/// </summary>
internal static class PowerShellCommandWriter
{
    // OCSF script.type_id 2 = PowerShell.
    private const int PowerShell = 2;

    public static MapResult Write(in MapContext context, ReadOnlySpan<byte> action)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = DeviceEventClasses.Script;
        var additional = new AdditionalFields(row);
        row.TryText(Column.ActionType, out _);
        EventWriter.Begin(context, cls, 1, action);
        writer.WriteStartObject(Names.Script);
        byte[]? command;
        int commandLength;
        if (action.SequenceEqual("PowerShellCommand"u8))
        {
            Put.Enum(writer, Names.TypeId, PowerShell, Names.Type, "PowerShell"u8);
            additional.TryGet("Command"u8, out command, out commandLength);
        }
        else
        {
            // ScriptContent / AmsiScriptContent: Defender does not say which language the content is.
            Put.Enum(writer, Names.TypeId, 0, Names.Type, "Unknown"u8);
            _ = additional.TryGet("Content"u8, out command, out commandLength) || additional.TryGet("ScriptContent"u8, out command, out commandLength);
        }

        // script_content is a long_string object (value + truncation flags). Defender does not say
        // whether it cut the command, so only the value is written. OCSF requires it; a row without
        // Command gets the least-inventive placeholder.
        writer.WriteStartObject(Names.ScriptContent);
        writer.WriteString(Names.Value, command is null ? "Unknown"u8 : command.AsSpan(0, commandLength));
        writer.WriteEndObject();
        writer.WriteEndObject();
        DeviceBlock.Write(writer, row);
        ActorBlock.WriteInitiating(writer, row);
        var observables = new ObservableWriter(writer);
        DeviceBlock.Observe(ref observables, row);
        ActorBlock.Observe(ref observables, row);
        observables.End();
        AdditionalFields.Return(command);
        EventWriter.End(context, OcsfProfiles.None);
        return context.Mapped(cls);
    }
}
