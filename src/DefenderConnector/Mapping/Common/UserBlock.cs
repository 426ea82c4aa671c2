using System.Text.Json;

namespace DefenderConnector.Mapping;

/// <summary>
/// An OCSF user from Defender account columns: name, domain, uid = SID (else the Entra object id),
/// uid_alt = the Entra object id when the SID is the uid, email_addr = UPN. Without a name the UPN is the name.
/// </summary>
internal static class UserBlock
{
    public static bool Write(Utf8JsonWriter writer, ReadOnlySpan<byte> property, in Row row, in UserColumns columns)
    {
        if (!columns.AnyIn(row))
        {
            return false;
        }

        writer.WriteStartObject(property);
        if (!Put.Str(writer, "name"u8, row, columns.Name) && row.Has(columns.Upn))
        {
            writer.WriteString("name"u8, row.Peek(columns.Upn));
        }

        Put.Str(writer, "domain"u8, row, columns.Domain);
        if (Put.Str(writer, "uid"u8, row, columns.Sid))
        {
            Put.Str(writer, "uid_alt"u8, row, columns.ObjectId);
        }
        else
        {
            Put.Str(writer, "uid"u8, row, columns.ObjectId);
        }

        Put.Str(writer, "email_addr"u8, row, columns.Upn);
        Put.Str(writer, "full_name"u8, row, columns.DisplayName);
        writer.WriteEndObject();
        return true;
    }

    /// <summary>The user name as written by <see cref="Write"/>, for observables.</summary>
    public static ReadOnlySpan<byte> NameOf(in Row row, in UserColumns columns) =>
        row.Has(columns.Name) ? row.Peek(columns.Name) : row.Peek(columns.Upn);
}
