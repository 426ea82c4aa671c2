namespace DefenderConnector.Mapping.Device;

/// <summary>
/// DeviceRegistryEvents → the Windows extension's Registry Key Activity (201001) for key actions
/// (Created 1, Deleted 4, Renamed 5) and Registry Value Activity (201002) for value actions
/// (Set 2, or Modify 3 when a previous value is reported; Deleted 4). Unknown actions stay
/// Registry Key Activity: Other.
/// </summary>
internal static class DeviceRegistryEventsMapper
{
    public static MapResult Map(in MapContext context)
    {
        var row = context.Row;
        var writer = context.Writer;
        var action = row.Peek(Column.ActionType);
        var isValue = action.StartsWith("RegistryValue"u8) && row.Has(Column.RegistryKey);
        var cls = isValue ? OcsfClasses.RegistryValue : OcsfClasses.RegistryKey;
        var activity = isValue
            ? row.Is(Column.ActionType, "RegistryValueSet"u8) ? (row.Has(Column.PreviousRegistryValueData) ? 3 : 2) : row.Is(Column.ActionType, "RegistryValueDeleted"u8) ? 4 : 99
            : row.Is(Column.ActionType, "RegistryKeyCreated"u8) ? 1 : row.Is(Column.ActionType, "RegistryKeyDeleted"u8) ? 4 : row.Is(Column.ActionType, "RegistryKeyRenamed"u8) ? 5 : 99;
        row.TryText(Column.ActionType, out _);
        EventWriter.Begin(context, cls, activity, action);
        DeviceBlock.Write(writer, row);
        ActorBlock.WriteInitiating(writer, row);
        if (isValue)
        {
            Value(writer, row, "reg_value"u8, Column.RegistryKey, Column.RegistryValueName, Column.RegistryValueData, Column.RegistryValueType);
            if (row.Has(Column.PreviousRegistryValueData) || row.Has(Column.PreviousRegistryValueName))
            {
                Value(writer, row, "prev_reg_value"u8, row.Has(Column.PreviousRegistryKey) ? Column.PreviousRegistryKey : Column.RegistryKey, Column.PreviousRegistryValueName, Column.PreviousRegistryValueData, Put.None);
            }
        }
        else
        {
            Key(writer, row, "reg_key"u8, Column.RegistryKey);
            if (row.Has(Column.PreviousRegistryKey))
            {
                Key(writer, row, "prev_reg_key"u8, Column.PreviousRegistryKey);
            }
        }

        var observables = new ObservableWriter(writer);
        DeviceBlock.Observe(ref observables, row);
        ActorBlock.Observe(ref observables, row);
        observables.Add(isValue ? "reg_value.path"u8 : "reg_key.path"u8, 46, row.Peek(Column.RegistryKey));
        observables.End();
        EventWriter.End(context, OcsfProfiles.None);
        return context.Mapped(cls);
    }

    private static void Key(OcsfEventWriter writer, in Row row, ReadOnlySpan<byte> property, Column path)
    {
        writer.WriteStartObject(property);
        if (!Put.Str(writer, Names.Path, row, path))
        {
            writer.WriteString(Names.Path, "Unknown"u8);
        }

        writer.WriteEndObject();
    }

    private static void Value(OcsfEventWriter writer, in Row row, ReadOnlySpan<byte> property, Column path, Column name, Column data, Column type)
    {
        writer.WriteStartObject(property);
        writer.WriteString(Names.Path, row.Peek(path));
        row.MarkUsed(path);
        // An empty value name is the key's default value.
        if (!Put.Str(writer, Names.Name, row, name))
        {
            writer.WriteString(Names.Name, "(Default)"u8);
            writer.WriteBoolean(Names.IsDefault, true);
        }

        Put.Str(writer, Names.Data, row, data);
        Put.Str(writer, Names.Type, row, type);
        writer.WriteEndObject();
    }
}
