using System.Text.Json;

namespace DefenderConnector.Mapping.Device;

/// <summary>
/// DeviceFileCertificateInfo → File System Activity (1001) Get Attributes: the sensor read the
/// signature of a file known by its SHA-1. OCSF has no certificate-inventory class (file_query is
/// deprecated), and a file's signature is a file attribute. The file name is not in this table, so
/// the SHA-1 names the file.
/// </summary>
internal static class DeviceFileCertificateInfoMapper
{
    public static MapResult Map(in MapContext context)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = OcsfClasses.FileSystem;
        EventWriter.Begin(context, cls, 8, default);
        DeviceBlock.Write(writer, row);
        writer.WriteStartObject("actor"u8);
        writer.WriteString("app_name"u8, "Microsoft Defender for Endpoint"u8);
        writer.WriteEndObject();
        writer.WriteStartObject("file"u8);
        writer.WriteString("name"u8, row.Has(Column.SHA1) ? row.Peek(Column.SHA1) : "Unknown"u8);
        writer.WriteNumber("type_id"u8, 0);
        writer.WriteString("type"u8, "Unknown"u8);
        Put.Hashes(writer, row, Put.None, Column.SHA1, Put.None);
        if (row.Has(Column.Issuer) || row.Has(Column.Signer))
        {
            Signature(writer, row);
        }

        writer.WriteEndObject();
        var observables = new ObservableWriter(writer);
        DeviceBlock.Observe(ref observables, row);
        observables.Add("file.hashes.value"u8, 8, row.Peek(Column.SHA1));
        observables.End();
        EventWriter.End(context, OcsfProfiles.None);
        return context.Mapped(cls);
    }

    private static void Signature(Utf8JsonWriter writer, in Row row)
    {
        writer.WriteStartObject("signature"u8);
        // Authenticode is what Windows file signatures are; the table does not report the key algorithm.
        writer.WriteNumber("algorithm_id"u8, 4);
        writer.WriteString("algorithm"u8, "Authenticode"u8);
        Put.Str(writer, "developer_uid"u8, row, Column.SignerHash);
        if (row.TryBool(Column.IsTrusted, out var trusted))
        {
            writer.WriteNumber("state_id"u8, trusted ? 1 : 6);
            writer.WriteString("state"u8, trusted ? "Valid"u8 : "Untrusted"u8);
        }

        writer.WriteStartObject("certificate"u8);
        writer.WriteString("issuer"u8, row.Has(Column.Issuer) ? row.Peek(Column.Issuer) : "Unknown"u8);
        row.MarkUsed(Column.Issuer);
        writer.WriteString("serial_number"u8, row.Has(Column.CertificateSerialNumber) ? row.Peek(Column.CertificateSerialNumber) : "Unknown"u8);
        row.MarkUsed(Column.CertificateSerialNumber);
        Put.Str(writer, "subject"u8, row, Column.Signer);
        Put.Time(writer, "created_time"u8, row, Column.CertificateCreationTime);
        Put.Time(writer, "expiration_time"u8, row, Column.CertificateExpirationTime);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
