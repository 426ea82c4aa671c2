namespace DefenderConnector.Mapping.Email;

/// <summary>
/// EmailAttachmentInfo, EmailUrlInfo, MessageEvents and MessageUrlInfo → Email Activity (4009)
/// Scan: what Defender for Office 365 found in a message (attachments in email.files[], URLs in
/// email.urls[]). These rows carry no direction, so direction is Unknown. Teams messages use the
/// same class: OCSF has no chat-message class and its email object holds sender, recipients and subject.
/// </summary>
internal static class EmailScanMapper
{
    public static MapResult MapAttachment(in MapContext context) => Map(context, EmailColumns.Mail, withFiles: true, withUrls: false);

    public static MapResult MapUrl(in MapContext context) => Map(context, EmailColumns.Mail, withFiles: false, withUrls: true);

    public static MapResult MapTeamsMessage(in MapContext context) => Map(context, EmailColumns.Teams, withFiles: false, withUrls: false);

    public static MapResult MapTeamsUrl(in MapContext context) => Map(context, EmailColumns.Teams, withFiles: false, withUrls: true);

    private static MapResult Map(in MapContext context, in EmailColumns columns, bool withFiles, bool withUrls)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = OcsfClasses.Email;
        EventWriter.Begin(context, cls, 3, default);
        writer.WriteNumber(Names.DirectionId, 0);
        writer.WriteString(Names.Direction, "Unknown"u8);
        EmailVerdicts.Write(writer, row, Column.DeliveryAction);
        EmailBlock.Write(writer, row, columns, withFiles, withUrls);
        var observables = new ObservableWriter(writer);
        EmailObservables.Add(ref observables, row, columns);
        observables.Add("email.files.name"u8, 7, withFiles ? row.Peek(Column.FileName) : default);
        observables.Add("email.files.hashes.value"u8, 8, withFiles && row.Has(Column.FileName) ? row.Peek(Column.SHA256) : default);
        observables.Add("email.urls.url_string"u8, 6, withUrls ? row.Peek(Column.Url) : default);
        observables.End();
        EventWriter.End(context, OcsfProfiles.SecurityControl);
        return context.Mapped(cls);
    }
}
