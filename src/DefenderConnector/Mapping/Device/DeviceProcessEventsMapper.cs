namespace DefenderConnector.Mapping.Device;

/// <summary>DeviceProcessEvents → Process Activity (1007): ProcessCreated is Launch, anything else Other with the ActionType as its name.</summary>
internal static class DeviceProcessEventsMapper
{
    public static MapResult Map(in MapContext context)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = OcsfClasses.Process;
        var activity = row.Is(Column.ActionType, "ProcessCreated"u8) ? 1 : 99;
        row.TryText(Column.ActionType, out var actionType);
        EventWriter.Begin(context, cls, activity, actionType);
        DeviceBlock.Write(writer, row);
        ActorBlock.WriteInitiating(writer, row);
        ProcessBlock.WriteRequired(writer, "process"u8, row, ProcessColumns.Created, UserColumns.Account, withParent: true);
        var observables = new ObservableWriter(writer);
        DeviceBlock.Observe(ref observables, row);
        ActorBlock.Observe(ref observables, row);
        ProcessBlock.Observe(ref observables, "process"u8, row, ProcessColumns.Created);
        observables.End();
        EventWriter.End(context, OcsfProfiles.None);
        return context.Mapped(cls);
    }
}
