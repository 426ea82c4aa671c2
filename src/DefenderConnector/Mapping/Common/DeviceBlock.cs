using System.Text.Json;

namespace DefenderConnector.Mapping;

/// <summary>
/// The reporting device: uid = DeviceId, hostname = DeviceName (Defender's FQDN). OCSF requires
/// type_id and one identifier; a row with neither column gets name "Unknown" so the event stays valid.
/// </summary>
internal static class DeviceBlock
{
    public static void Write(Utf8JsonWriter writer, in Row row, Column localIp = Put.None)
    {
        writer.WriteStartObject("device"u8);
        writer.WriteNumber("type_id"u8, 0);
        writer.WriteString("type"u8, "Unknown"u8);
        var any = Put.Str(writer, "uid"u8, row, Column.DeviceId);
        any |= Put.Str(writer, "hostname"u8, row, Column.DeviceName);
        any |= Put.Ip(writer, "ip"u8, row, localIp);
        if (!any)
        {
            writer.WriteString("name"u8, "Unknown"u8);
        }

        writer.WriteEndObject();
    }

    public static void Observe(ref ObservableWriter observables, in Row row)
    {
        observables.Add("device.hostname"u8, 1, row.Peek(Column.DeviceName));
        observables.Add("device.uid"u8, 47, row.Peek(Column.DeviceId));
    }
}
