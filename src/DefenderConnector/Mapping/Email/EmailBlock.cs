using System.Text.Json;

namespace DefenderConnector.Mapping.Email;

/// <summary>
/// The OCSF email object from the columns a row has. OCSF requires a sender or recipients; rows
/// that carry neither (EmailUrlInfo, MessageUrlInfo) get an empty recipient list, which says
/// "not reported in this row" without inventing an address.
/// </summary>
internal static class EmailBlock
{
    public static void Write(Utf8JsonWriter writer, in Row row, in EmailColumns columns, bool withFiles, bool withUrls)
    {
        writer.WriteStartObject("email"u8);
        Put.Str(writer, "uid"u8, row, columns.Uid);
        Put.Str(writer, "message_uid"u8, row, columns.MessageUid);
        Put.Str(writer, "subject"u8, row, columns.Subject);
        Put.Str(writer, "from"u8, row, columns.From);
        Put.Str(writer, "smtp_from"u8, row, columns.SmtpFrom);
        writer.WriteStartArray("to"u8);
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
            writer.WriteStartArray("files"u8);
            FileBlock.Write(writer, default, row, Column.FileName, Put.None, Put.None, Put.None, Column.SHA256, Column.FileSize);
            writer.WriteEndArray();
        }

        if (withUrls && row.Has(Column.Url))
        {
            writer.WriteStartArray("urls"u8);
            writer.WriteStartObject();
            Put.Str(writer, "url_string"u8, row, Column.Url);
            Put.Str(writer, "domain"u8, row, Column.UrlDomain);
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}
