using System.Text.Json;

namespace DefenderConnector.Mapping.Email;

/// <summary>
/// The OCSF email object from the columns a row has. OCSF requires a sender or recipients; rows
/// that carry neither (EmailUrlInfo, MessageUrlInfo) get an empty recipient list, which says
/// "not reported in this row" without inventing an address.
/// </summary>
internal static class EmailBlock
{
    public static void Write(OcsfEventWriter writer, in Row row, in EmailColumns columns, bool withFiles, bool withUrls)
    {
        writer.WriteStartObject(Names.Email);
        Put.Str(writer, Names.Uid, row, columns.Uid);
        Put.Str(writer, Names.MessageUid, row, columns.MessageUid);
        Put.Str(writer, Names.Subject, row, columns.Subject);
        Put.Str(writer, Names.From, row, columns.From);
        Put.Str(writer, Names.SmtpFrom, row, columns.SmtpFrom);
        writer.WriteStartArray(Names.To);
        if (row.TryText(columns.To, out var to))
        {
            writer.WriteStringValue(to);
        }
        else if (row.TryJson(columns.Recipients, out var recipients) && JsonText.WriteStrings(writer, recipients, "RecipientSmtpAddress"u8) == 0)
        {
            row.Unmark(columns.Recipients);
        }

        writer.WriteEndArray();
        if (withFiles && row.Has(Column.FileName))
        {
            writer.WriteStartArray(Names.Files);
            FileBlock.Write(writer, default, row, Column.FileName, Put.None, Put.None, Put.None, Column.SHA256, Column.FileSize);
            writer.WriteEndArray();
        }

        if (withUrls && row.Has(Column.Url))
        {
            writer.WriteStartArray(Names.Urls);
            writer.WriteStartObject();
            Put.Str(writer, Names.UrlString, row, Column.Url);
            Put.Str(writer, Names.Domain, row, Column.UrlDomain);
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}
