using System.Text.Json;

namespace DefenderConnector.Mapping;

/// <summary>OCSF file objects. OCSF requires name and type_id; without a file name no file object is written.</summary>
internal static class FileBlock
{
    /// <summary>The image file of a process, with its version information.</summary>
    public static void WriteExecutable(Utf8JsonWriter writer, in Row row, in ProcessColumns columns)
    {
        if (!row.Has(columns.FileName))
        {
            return;
        }

        writer.WriteStartObject("file"u8);
        writer.WriteString("name"u8, row.Peek(columns.FileName));
        writer.WriteNumber("type_id"u8, 1);
        writer.WriteString("type"u8, "Regular File"u8);
        Put.Str(writer, "path"u8, row, columns.FolderPath);
        Put.Hashes(writer, row, columns.Md5, columns.Sha1, columns.Sha256);
        Put.Long(writer, "size"u8, row, columns.FileSize);
        Put.Str(writer, "company_name"u8, row, columns.Company);
        Put.Str(writer, "desc"u8, row, columns.Description);
        Put.Str(writer, "internal_name"u8, row, columns.InternalName);
        if (row.Has(columns.Product))
        {
            writer.WriteStartObject("product"u8);
            Put.Str(writer, "name"u8, row, columns.Product);
            Put.Str(writer, "version"u8, row, columns.ProductVersion);
            writer.WriteEndObject();
        }
        else
        {
            Put.Str(writer, "version"u8, row, columns.ProductVersion);
        }

        writer.WriteEndObject();
    }

    /// <summary>A plain file: name, path, hashes, size.</summary>
    public static bool Write(Utf8JsonWriter writer, ReadOnlySpan<byte> property, in Row row, Column name, Column path, Column md5, Column sha1, Column sha256, Column size)
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

        writer.WriteString("name"u8, fileName);
        writer.WriteNumber("type_id"u8, 1);
        writer.WriteString("type"u8, "Regular File"u8);
        Put.Str(writer, "path"u8, row, path);
        Put.Hashes(writer, row, md5, sha1, sha256);
        Put.Long(writer, "size"u8, row, size);
        writer.WriteEndObject();
        return true;
    }
}
