namespace DefenderConnector.Mapping.Device;

/// <summary>
/// DeviceEvents, dispatched by ActionType through <see cref="DeviceEventsCatalogue"/>: every ActionType
/// Microsoft documents has its OCSF class and activity (the table is in the Mapping README). An
/// undocumented ActionType becomes a Base Event named after it, with device, actor and the rest under
/// unmapped, and is reported by name (<see cref="MapResult.UndocumentedActionType"/>) so the pull summary counts it.
/// </summary>
internal static class DeviceEventsMapper
{
    public static MapResult Map(in MapContext context)
    {
        var action = context.Row.Peek(Column.ActionType);
        if (!DeviceEventsCatalogue.TryRoute(action, out var route))
        {
            return Undocumented(context, action);
        }

        return route.Kind switch
        {
            DeviceEventKind.Detection => DeviceDetectionWriter.Write(context, action),
            DeviceEventKind.Process => DeviceProcessActivityWriter.Write(context, action, route.Activity, target: true),
            DeviceEventKind.ProcessSelf => DeviceProcessActivityWriter.Write(context, action, route.Activity, target: false),
            DeviceEventKind.Memory => MemoryActivityWriter.Write(context, action, route.Activity),
            DeviceEventKind.ScheduledTask => ScheduledTaskWriter.Write(context, action, route.Activity),
            DeviceEventKind.Dns => DnsQueryWriter.Write(context, action, route.Activity),
            DeviceEventKind.Script => PowerShellCommandWriter.Write(context, action),
            DeviceEventKind.Peripheral => PeripheralWriter.Write(context, action, route.Activity),
            DeviceEventKind.Account => LocalAccountWriter.Write(context, action, route.Activity, group: false),
            DeviceEventKind.Group => LocalAccountWriter.Write(context, action, route.Activity, group: true),
            DeviceEventKind.Service => ServiceDriverWriter.WriteService(context, action, route.Activity),
            DeviceEventKind.Driver => ServiceDriverWriter.WriteDriver(context, action, route.Activity),
            DeviceEventKind.Network => DeviceConnectionWriter.WriteNetwork(context, action, route.Activity),
            DeviceEventKind.Web => DeviceConnectionWriter.WriteWeb(context, action, route.Activity),
            DeviceEventKind.File => DeviceFileWriter.WriteFile(context, action, route.Activity),
            DeviceEventKind.Share => DeviceFileWriter.WriteShare(context, action, route.Activity),
            _ => DeviceStateWriter.Write(context, action, route),
        };
    }

    private static MapResult Undocumented(in MapContext context, ReadOnlySpan<byte> action)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = OcsfClasses.BaseEvent;
        row.TryText(Column.ActionType, out _);
        EventWriter.Begin(context, cls, 99, action);
        Put.Str(writer, Names.Message, row, Column.ActionType);
        DeviceBlock.Write(writer, row);
        ActorBlock.WriteInitiating(writer, row);
        var observables = new ObservableWriter(writer);
        DeviceBlock.Observe(ref observables, row);
        ActorBlock.Observe(ref observables, row);
        observables.End();
        EventWriter.End(context, OcsfProfiles.Host);

        return context.Mapped(cls) with { UndocumentedActionType = UndocumentedNames.Of(action) };
    }
}
