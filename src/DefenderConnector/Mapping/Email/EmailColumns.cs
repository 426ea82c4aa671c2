namespace DefenderConnector.Mapping.Email;

/// <summary>Which columns hold the message identity, sender and recipients in an email or Teams table.</summary>
internal readonly record struct EmailColumns(Column Uid, Column MessageUid, Column Subject, Column From, Column SmtpFrom, Column To, Column Recipients)
{
    public static readonly EmailColumns Mail = new(Column.NetworkMessageId, Column.InternetMessageId, Column.Subject, Column.SenderFromAddress, Column.SenderMailFromAddress, Column.RecipientEmailAddress, Put.None);

    public static readonly EmailColumns Teams = new(Column.TeamsMessageId, Column.MessageId, Column.MessageSubject, Column.SenderEmailAddress, Put.None, Put.None, Column.RecipientDetails);
}
