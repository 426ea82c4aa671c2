using System.Text.Json;

namespace DefenderConnector.Mapping;

/// <summary>
/// The reporting device: uid = DeviceId, hostname = DeviceName (Defender's FQDN). OCSF requires
/// type_id and one identifier; a row with neither column gets name "Unknown" so the event stays valid.
/// </summary>
internal static class DeviceBlock
{
    public static void Write(OcsfEventWriter writer, in Row row, Column localIp = Put.None)
    {
        writer.WriteStartObject(Names.Device);
        writer.WriteNumber(Names.TypeId, 0);
        writer.WriteString(Names.Type, "Unknown"u8);
        var any = Put.Str(writer, Names.Uid, row, Column.DeviceId);
        any |= Put.Str(writer, Names.Hostname, row, Column.DeviceName);
        any |= Put.Ip(writer, Names.Ip, row, localIp);
        if (!any)
        {
            writer.WriteString(Names.Name, "Unknown"u8);
        }

        writer.WriteEndObject();
    }

    public static void Observe(ref ObservableWriter observables, in Row row)
    {
        observables.Add("device.hostname"u8, 1, row.Peek(Column.DeviceName));
        observables.Add("device.uid"u8, 47, row.Peek(Column.DeviceId));
    }
}
