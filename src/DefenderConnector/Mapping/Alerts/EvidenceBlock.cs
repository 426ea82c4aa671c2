using System.Text.Json;

namespace DefenderConnector.Mapping.Alerts;

/// <summary>
/// One evidences[] entry from an AlertEvidence or BehaviorEntities row: whichever of file, user,
/// device, remote endpoint, URL, registry key/value and e-mail message the row carries. The message is
/// <c>email.uid</c> = NetworkMessageId with its subject; the row names no sender or recipient, so
/// <c>to</c> is an empty list (as for EmailUrlInfo). Cloud-resource columns remain in unmapped.
/// </summary>
internal static class EvidenceBlock
{
    public static void Write(OcsfEventWriter writer, in Row row)
    {
        var hasAny = row.Has(Column.FileName) || UserColumns.Account.AnyIn(row) || row.Has(Column.DeviceId) || row.Has(Column.DeviceName)
            || Put.IsIp(row.Peek(Column.RemoteIP)) || row.Has(Column.RemoteUrl) || row.Has(Column.RegistryKey) || row.Has(Column.NetworkMessageId);
        if (!hasAny)
        {
            return;
        }

        writer.WriteStartArray(Names.Evidences);
        writer.WriteStartObject();
        Put.Str(writer, Names.Name, row, Column.EntityType);
        FileBlock.Write(writer, "file"u8, row, Column.FileName, Column.FolderPath, Put.None, Column.SHA1, Column.SHA256, Column.FileSize);
        UserBlock.Write(writer, "user"u8, row, UserColumns.Account);
        if (row.Has(Column.DeviceId) || row.Has(Column.DeviceName))
        {
            writer.WriteStartObject(Names.Device);
            writer.WriteNumber(Names.TypeId, 0);
            writer.WriteString(Names.Type, "Unknown"u8);
            Put.Str(writer, Names.Uid, row, Column.DeviceId);
            Put.Str(writer, Names.Hostname, row, Column.DeviceName);
            Put.Ip(writer, Names.Ip, row, Column.LocalIP);
            writer.WriteEndObject();
        }

        EndpointBlock.Write(writer, "dst_endpoint"u8, row, Column.RemoteIP, Put.None, Put.None);
        if (row.Has(Column.RemoteUrl))
        {
            writer.WriteStartObject(Names.Url);
            Put.Str(writer, Names.UrlString, row, Column.RemoteUrl);
            writer.WriteEndObject();
        }

        if (row.Has(Column.RegistryKey))
        {
            if (row.Has(Column.RegistryValueName))
            {
                writer.WriteStartObject(Names.RegValue);
                writer.WriteString(Names.Path, row.Peek(Column.RegistryKey));
                Put.Str(writer, Names.Name, row, Column.RegistryValueName);
                Put.Str(writer, Names.Data, row, Column.RegistryValueData);
                writer.WriteEndObject();
            }

            writer.WriteStartObject(Names.RegKey);
            Put.Str(writer, Names.Path, row, Column.RegistryKey);
            writer.WriteEndObject();
        }

        if (row.Has(Column.NetworkMessageId))
        {
            writer.WriteStartObject(Names.Email);
            Put.Str(writer, Names.Uid, row, Column.NetworkMessageId);
            Put.Str(writer, Names.Subject, row, Column.EmailSubject);
            writer.WriteStartArray(Names.To);
            writer.WriteEndArray();
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
