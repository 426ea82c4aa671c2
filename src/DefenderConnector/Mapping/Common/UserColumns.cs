namespace DefenderConnector.Mapping;

/// <summary>The columns that describe one account in a table (Account*, InitiatingProcessAccount*, RequestAccount*...).</summary>
internal readonly record struct UserColumns(Column Name, Column Domain, Column Sid, Column Upn, Column ObjectId, Column DisplayName)
{
    public static readonly UserColumns Account = new(Column.AccountName, Column.AccountDomain, Column.AccountSid, Column.AccountUpn, Column.AccountObjectId, Column.AccountDisplayName);

    public static readonly UserColumns InitiatingProcess = new(Column.InitiatingProcessAccountName, Column.InitiatingProcessAccountDomain, Column.InitiatingProcessAccountSid, Column.InitiatingProcessAccountUpn, Column.InitiatingProcessAccountObjectId, Put.None);

    public static readonly UserColumns Request = new(Column.RequestAccountName, Column.RequestAccountDomain, Column.RequestAccountSid, Put.None, Put.None, Put.None);

    public bool AnyIn(in Row row) => row.Has(Name) || row.Has(Sid) || row.Has(Upn) || row.Has(ObjectId);
}
