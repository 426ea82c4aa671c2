using System.Text.Json;

namespace DefenderConnector.Mapping.Alerts;

/// <summary>
/// One evidences[] entry from an AlertEvidence or BehaviorEntities row: whichever of file, user,
/// device, remote endpoint, URL and registry key/value the row carries. Email and cloud-resource
/// columns have no OCSF slot that stays valid without sender/recipient, so they remain in unmapped.
/// </summary>
internal static class EvidenceBlock
{
    public static void Write(Utf8JsonWriter writer, in Row row)
    {
        var hasAny = row.Has(Column.FileName) || UserColumns.Account.AnyIn(row) || row.Has(Column.DeviceId) || row.Has(Column.DeviceName)
            || Put.IsIp(row.Peek(Column.RemoteIP)) || row.Has(Column.RemoteUrl) || row.Has(Column.RegistryKey);
        if (!hasAny)
        {
            return;
        }

        writer.WriteStartArray("evidences"u8);
        writer.WriteStartObject();
        Put.Str(writer, "name"u8, row, Column.EntityType);
        FileBlock.Write(writer, "file"u8, row, Column.FileName, Column.FolderPath, Put.None, Column.SHA1, Column.SHA256, Column.FileSize);
        UserBlock.Write(writer, "user"u8, row, UserColumns.Account);
        if (row.Has(Column.DeviceId) || row.Has(Column.DeviceName))
        {
            writer.WriteStartObject("device"u8);
            writer.WriteNumber("type_id"u8, 0);
            writer.WriteString("type"u8, "Unknown"u8);
            Put.Str(writer, "uid"u8, row, Column.DeviceId);
            Put.Str(writer, "hostname"u8, row, Column.DeviceName);
            Put.Ip(writer, "ip"u8, row, Column.LocalIP);
            writer.WriteEndObject();
        }

        EndpointBlock.Write(writer, "dst_endpoint"u8, row, Column.RemoteIP, Put.None, Put.None);
        if (row.Has(Column.RemoteUrl))
        {
            writer.WriteStartObject("url"u8);
            Put.Str(writer, "url_string"u8, row, Column.RemoteUrl);
            writer.WriteEndObject();
        }

        if (row.Has(Column.RegistryKey))
        {
            if (row.Has(Column.RegistryValueName))
            {
                writer.WriteStartObject("reg_value"u8);
                writer.WriteString("path"u8, row.Peek(Column.RegistryKey));
                Put.Str(writer, "name"u8, row, Column.RegistryValueName);
                Put.Str(writer, "data"u8, row, Column.RegistryValueData);
                writer.WriteEndObject();
            }

            writer.WriteStartObject("reg_key"u8);
            Put.Str(writer, "path"u8, row, Column.RegistryKey);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    public static void Observe(ref ObservableWriter observables, in Row row)
    {
        observables.Add("evidences.file.name"u8, 7, row.Peek(Column.FileName));
        observables.Add("evidences.file.hashes.value"u8, 8, row.Peek(Column.SHA256));
        observables.Add("evidences.user.name"u8, 4, UserBlock.NameOf(row, UserColumns.Account));
        observables.Add("evidences.device.hostname"u8, 1, row.Peek(Column.DeviceName));
        observables.Add("evidences.dst_endpoint.ip"u8, 2, EndpointBlock.IpOf(row, Column.RemoteIP));
        observables.Add("evidences.url.url_string"u8, 6, row.Peek(Column.RemoteUrl));
    }
}
