using System.Text.Json;

namespace DefenderConnector.Mapping.Device;

/// <summary>
/// DeviceEvents, dispatched by ActionType: protection events (Antivirus*, Asr*, ExploitGuard*,
/// SmartScreen*, ControlledFolderAccess*, Tamper*) → Detection Finding (2004); remote-thread, APC
/// and OpenProcess events → Process Activity Inject/Open; ScheduledTask* → Scheduled Job Activity;
/// DnsQueryResponse → DNS Activity; PowerShellCommand → Script Activity; USB drive mount/unmount and
/// PnP connections → Peripheral Activity; every other ActionType → Base Event
/// Other named after the ActionType, with device, actor and the rest under unmapped.
/// </summary>
internal static class DeviceEventsMapper
{
    public static MapResult Map(in MapContext context)
    {
        var action = context.Row.Peek(Column.ActionType);
        if (IsProtection(action))
        {
            return DeviceDetectionWriter.Write(context, action);
        }

        if (action.SequenceEqual("CreateRemoteThreadApiCall"u8) || action.SequenceEqual("QueueUserApcRemoteApiCall"u8) || action.SequenceEqual("OpenProcessApiCall"u8))
        {
            return ProcessAccess(context, action);
        }

        if (ScheduledTaskWriter.Handles(action))
        {
            return ScheduledTaskWriter.Write(context, action);
        }

        if (DnsQueryWriter.Handles(action))
        {
            return DnsQueryWriter.Write(context, action);
        }

        if (PowerShellCommandWriter.Handles(action))
        {
            return PowerShellCommandWriter.Write(context, action);
        }

        if (PeripheralWriter.Handles(action))
        {
            return PeripheralWriter.Write(context, action);
        }

        return Other(context, action);
    }

    private static bool IsProtection(ReadOnlySpan<byte> action) =>
        (action.StartsWith("Antivirus"u8) && !action.StartsWith("AntivirusScan"u8) && !action.StartsWith("AntivirusDefinitions"u8))
        || action.StartsWith("Asr"u8) || action.StartsWith("ExploitGuard"u8) || action.StartsWith("SmartScreen"u8)
        || action.StartsWith("ControlledFolderAccess"u8) || action.StartsWith("Tamper"u8);

    private static MapResult ProcessAccess(in MapContext context, ReadOnlySpan<byte> action)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = OcsfClasses.Process;
        row.TryText(Column.ActionType, out _);
        EventWriter.Begin(context, cls, action.SequenceEqual("OpenProcessApiCall"u8) ? 3 : 4, action);
        DeviceBlock.Write(writer, row);
        ActorBlock.WriteInitiating(writer, row);
        ProcessBlock.WriteRequired(writer, "process"u8, row, ProcessColumns.Created, UserColumns.Account, withParent: false);
        var observables = new ObservableWriter(writer);
        DeviceBlock.Observe(ref observables, row);
        ActorBlock.Observe(ref observables, row);
        observables.End();
        EventWriter.End(context, OcsfProfiles.None);
        return context.Mapped(cls);
    }

    private static MapResult Other(in MapContext context, ReadOnlySpan<byte> action)
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
        return context.Mapped(cls);
    }
}
