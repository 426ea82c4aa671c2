using System.Text.Json;

namespace DefenderConnector.Mapping;

/// <summary>OCSF file objects. OCSF requires name and type_id; without a file name no file object is written.</summary>
internal static class FileBlock
{
    /// <summary>The image file of a process, with its version information.</summary>
    public static void WriteExecutable(OcsfEventWriter writer, in Row row, in ProcessColumns columns)
    {
        if (!row.Has(columns.FileName))
        {
            return;
        }

        writer.WriteStartObject(Names.File);
        writer.WriteString(Names.Name, row.Peek(columns.FileName));
        writer.WriteNumber(Names.TypeId, 1);
        writer.WriteString(Names.Type, "Regular File"u8);
        Put.Str(writer, Names.Path, row, columns.FolderPath);
        Put.Hashes(writer, row, columns.Md5, columns.Sha1, columns.Sha256);
        Put.Long(writer, Names.Size, row, columns.FileSize);
        Put.Str(writer, Names.CompanyName, row, columns.Company);
        Put.Str(writer, Names.Desc, row, columns.Description);
        Put.Str(writer, Names.InternalName, row, columns.InternalName);
        if (row.Has(columns.Product))
        {
            writer.WriteStartObject(Names.Product);
            Put.Str(writer, Names.Name, row, columns.Product);
            Put.Str(writer, Names.Version, row, columns.ProductVersion);
            writer.WriteEndObject();
        }
        else
        {
            Put.Str(writer, Names.Version, row, columns.ProductVersion);
        }

        writer.WriteEndObject();
    }

    /// <summary>A plain file: name, path, hashes, size.</summary>
    public static bool Write(OcsfEventWriter writer, ReadOnlySpan<byte> property, in Row row, Column name, Column path, Column md5, Column sha1, Column sha256, Column size)
    {
        if (!row.TryText(name, out var fileName))
        {
            return false;
        }

        // An empty property name means an element of an array (email.files[]).
        if (property.IsEmpty)
        {
            writer.WriteStartObject();
        }
        else
        {
            writer.WriteStartObject(property);
        }

        writer.WriteString(Names.Name, fileName);
        writer.WriteNumber(Names.TypeId, 1);
        writer.WriteString(Names.Type, "Regular File"u8);
        Put.Str(writer, Names.Path, row, path);
        Put.Hashes(writer, row, md5, sha1, sha256);
        Put.Long(writer, Names.Size, row, size);
        writer.WriteEndObject();
        return true;
    }
}
