namespace DefenderConnector.Mapping.Device;

/// <summary>
/// Memory API calls (NtAllocateVirtualMemory*, NtProtectVirtualMemory, MemoryRemoteProtect,
/// NtMapViewOfSection, Read/WriteProcessMemory, WriteToLsassProcessMemory) as Memory Activity (1004):
/// the initiating process is the actor, the row's own process columns the process whose memory was touched.
/// </summary>
internal static class MemoryActivityWriter
{
    public static MapResult Write(in MapContext context, ReadOnlySpan<byte> action, int activity)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = DeviceEventClasses.Memory;
        DeviceEventParts.Begin(context, cls, activity, action);
        DeviceEventParts.DeviceAndActor(writer, row);
        ProcessBlock.WriteRequired(writer, "process"u8, row, ProcessColumns.Created, UserColumns.Account, withParent: false);
        var observables = new ObservableWriter(writer);
        DeviceBlock.Observe(ref observables, row);
        ActorBlock.Observe(ref observables, row);
        ProcessBlock.Observe(ref observables, "process"u8, row, ProcessColumns.Created);
        observables.End();
        EventWriter.End(context, OcsfProfiles.None);
        return context.Mapped(cls);
    }
}
