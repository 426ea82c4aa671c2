using System.Text.Json;

namespace DefenderConnector.Mapping;

/// <summary>
/// An OCSF user from Defender account columns: name, domain, uid = SID (else the Entra object id),
/// uid_alt = the Entra object id when the SID is the uid, email_addr = UPN. Without a name the UPN is the name.
/// </summary>
internal static class UserBlock
{
    public static bool Write(OcsfEventWriter writer, ReadOnlySpan<byte> property, in Row row, in UserColumns columns)
    {
        if (!columns.AnyIn(row))
        {
            return false;
        }

        writer.WriteStartObject(property);
        if (!Put.Str(writer, Names.Name, row, columns.Name) && row.Has(columns.Upn))
        {
            writer.WriteString(Names.Name, row.Peek(columns.Upn));
        }

        Put.Str(writer, Names.Domain, row, columns.Domain);
        if (Put.Str(writer, Names.Uid, row, columns.Sid))
        {
            Put.Str(writer, Names.UidAlt, row, columns.ObjectId);
        }
        else
        {
            Put.Str(writer, Names.Uid, row, columns.ObjectId);
        }

        Put.Str(writer, Names.EmailAddr, row, columns.Upn);
        Put.Str(writer, Names.FullName, row, columns.DisplayName);
        writer.WriteEndObject();
        return true;
    }

    /// <summary>The user name as written by <see cref="Write"/>, for observables.</summary>
    public static ReadOnlySpan<byte> NameOf(in Row row, in UserColumns columns) =>
        row.Has(columns.Name) ? row.Peek(columns.Name) : row.Peek(columns.Upn);
}
