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
        writer.WriteStartObject(Names.Actor);
        writer.WriteString(Names.AppName, "Microsoft Defender for Endpoint"u8);
        writer.WriteEndObject();
        writer.WriteStartObject(Names.File);
        writer.WriteString(Names.Name, row.Has(Column.SHA1) ? row.Peek(Column.SHA1) : "Unknown"u8);
        writer.WriteNumber(Names.TypeId, 0);
        writer.WriteString(Names.Type, "Unknown"u8);
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

    private static void Signature(OcsfEventWriter writer, in Row row)
    {
        writer.WriteStartObject(Names.Signature);
        // Authenticode is what Windows file signatures are; the table does not report the key algorithm.
        writer.WriteNumber(Names.AlgorithmId, 4);
        writer.WriteString(Names.Algorithm, "Authenticode"u8);
        Put.Str(writer, Names.DeveloperUid, row, Column.SignerHash);
        if (row.TryBool(Column.IsTrusted, out var trusted))
        {
            writer.WriteNumber(Names.StateId, trusted ? 1 : 6);
            writer.WriteString(Names.State, trusted ? "Valid"u8 : "Untrusted"u8);
        }

        writer.WriteStartObject(Names.Certificate);
        writer.WriteString(Names.Issuer, row.Has(Column.Issuer) ? row.Peek(Column.Issuer) : "Unknown"u8);
        row.MarkUsed(Column.Issuer);
        writer.WriteString(Names.SerialNumber, row.Has(Column.CertificateSerialNumber) ? row.Peek(Column.CertificateSerialNumber) : "Unknown"u8);
        row.MarkUsed(Column.CertificateSerialNumber);
        Put.Str(writer, Names.Subject, row, Column.Signer);
        Put.Time(writer, Names.CreatedTime, row, Column.CertificateCreationTime);
        Put.Time(writer, Names.ExpirationTime, row, Column.CertificateExpirationTime);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
