using System.Text.Json;

namespace DefenderConnector.Mapping.Api;

/// <summary>
/// One evidences[] entry from an API evidence object (Graph polymorphic evidence, MDE evidence) or
/// from the entity fields of a flat SIEM alert. The entry's name is the evidence kind, normalized
/// across APIs ("#microsoft.graph.security.fileEvidence" and entityType "File" both become "file").
/// </summary>
internal static class ApiEvidenceWriter
{
    private static readonly UserColumns FlatUser = new(Column.AccountName, Column.DomainName, Column.UserSid, Column.UserPrincipalName, Column.AzureAdUserId, Put.None);

    public static bool HasEntity(in Row row) =>
        row.Has(Column.DeviceDnsName) || row.Has(Column.MdeDeviceId) || row.Has(Column.FileDetails) || row.Has(Column.FileName)
        || row.IsLong(Column.ProcessId) || row.Has(Column.UserAccount) || FlatUser.AnyIn(row) || Put.IsIp(row.Peek(Column.IPAddress))
        || row.Has(Column.Url) || row.Has(Column.RegistryKey) || row.Has(Column.PrimaryAddress);

    /// <summary>Writes the entry (an array element) when the object names at least one entity OCSF can hold.</summary>
    public static bool Write(OcsfEventWriter writer, in Row row, bool withDevice)
    {
        if (!HasEntity(row))
        {
            return false;
        }

        writer.WriteStartObject();
        Name(writer, row);
        var (verdict, caption) = ApiEnums.EvidenceVerdict(row.Peek(Column.Verdict));
        if (verdict != 0)
        {
            writer.WriteNumber(Names.VerdictId, verdict);
            writer.WriteString(Names.Verdict, caption);
            row.MarkUsed(Column.Verdict);
        }

        if (withDevice && (row.Has(Column.DeviceDnsName) || row.Has(Column.MdeDeviceId)))
        {
            writer.WriteStartObject(Names.Device);
            writer.WriteNumber(Names.TypeId, 0);
            writer.WriteString(Names.Type, "Unknown"u8);
            Put.Str(writer, Names.Hostname, row, Column.DeviceDnsName);
            Put.Str(writer, Names.Uid, row, Column.MdeDeviceId);
            Put.Str(writer, Names.UidAlt, row, Column.AzureAdDeviceId);
            writer.WriteEndObject();
        }

        if (!Nested(writer, "file"u8, row, Column.FileDetails))
        {
            FileBlock.Write(writer, "file"u8, row, Column.FileName, Column.FilePath, Column.MD5, Column.SHA1, Column.SHA256, Column.FileSize);
        }

        if (row.TryLong(Column.ProcessId, out var pid) && pid is >= int.MinValue and <= int.MaxValue)
        {
            writer.WriteStartObject(Names.Process);
            writer.WriteNumber(Names.Pid, pid);
            Put.Str(writer, Names.CmdLine, row, Column.ProcessCommandLine);
            Put.Time(writer, Names.CreatedTime, row, Column.ProcessCreationDateTime);
            Nested(writer, "file"u8, row, Column.ImageFile);
            writer.WriteEndObject();
        }

        if (!Nested(writer, "user"u8, row, Column.UserAccount) && !UserBlock.Write(writer, "user"u8, row, FlatUser) && row.Has(Column.PrimaryAddress))
        {
            writer.WriteStartObject(Names.User);
            writer.WriteString(Names.Name, row.Has(Column.DisplayName) ? row.Peek(Column.DisplayName) : row.Peek(Column.PrimaryAddress));
            row.MarkUsed(Column.DisplayName);
            Put.Str(writer, Names.EmailAddr, row, Column.PrimaryAddress);
            writer.WriteEndObject();
        }

        EndpointBlock.Write(writer, "dst_endpoint"u8, row, Column.IPAddress, Put.None, Put.None);
        if (row.Has(Column.Url))
        {
            writer.WriteStartObject(Names.Url);
            Put.Str(writer, Names.UrlString, row, Column.Url);
            writer.WriteEndObject();
        }

        Registry(writer, row);
        writer.WriteEndObject();
        return true;
    }

    private static void Name(OcsfEventWriter writer, in Row row)
    {
        var type = row.Has(Column.OdataType) ? row.Peek(Column.OdataType) : row.Peek(Column.EntityTypeName);
        if (type.IsEmpty)
        {
            return;
        }

        var dot = type.LastIndexOf((byte)'.');
        var name = dot >= 0 ? type[(dot + 1)..] : type;
        if (name.EndsWith("Evidence"u8))
        {
            name = name[..^"Evidence".Length];
        }

        Span<byte> lower = stackalloc byte[Math.Min(name.Length, 64)];
        name[..lower.Length].CopyTo(lower);
        if (!lower.IsEmpty && lower[0] is >= (byte)'A' and <= (byte)'Z')
        {
            lower[0] = (byte)(lower[0] + 32);
        }

        writer.WriteString(Names.Name, lower);
        row.MarkUsed(Column.OdataType);
        row.MarkUsed(Column.EntityTypeName);
    }

    /// <summary>A nested file (fileDetails, imageFile) or user (userAccount) object.</summary>
    private static bool Nested(OcsfEventWriter writer, ReadOnlySpan<byte> property, in Row row, Column column)
    {
        if (!row.TryJson(column, out var json))
        {
            return false;
        }

        Span<short> index = stackalloc short[ColumnCount.Value];
        using var scope = new RowScope(json, ApiFieldNames.Evidence, index);
        var inner = scope.Row;
        var written = scope.Ok && (property.SequenceEqual("file"u8)
            ? FileBlock.Write(writer, property, inner, Column.FileName, Column.FilePath, Put.None, Column.SHA1, Column.SHA256, Column.FileSize)
            : UserBlock.Write(writer, property, inner, FlatUser));
        if (!written)
        {
            row.Unmark(column);
        }

        return written;
    }

    private static void Registry(OcsfEventWriter writer, in Row row)
    {
        var key = row.Peek(Column.RegistryKey);
        if (key.IsEmpty)
        {
            return;
        }

        var hive = row.Peek(Column.RegistryHive);
        Span<byte> path = stackalloc byte[hive.Length + key.Length + 1];
        hive.CopyTo(path);
        var length = hive.Length;
        if (length > 0)
        {
            path[length++] = (byte)'\\';
        }

        key.CopyTo(path[length..]);
        var full = path[..(length + key.Length)];
        row.MarkUsed(Column.RegistryKey);
        row.MarkUsed(Column.RegistryHive);
        writer.WriteStartObject(Names.RegKey);
        writer.WriteString(Names.Path, full);
        writer.WriteEndObject();
        if (row.Has(Column.RegistryValueName))
        {
            writer.WriteStartObject(Names.RegValue);
            writer.WriteString(Names.Path, full);
            Put.Str(writer, Names.Name, row, Column.RegistryValueName);
            Put.Str(writer, Names.Data, row, Column.RegistryValue);
            writer.WriteEndObject();
        }
    }
}
