namespace DefenderConnector.Mapping.Email;

/// <summary>The observables every email row offers: sender, the single recipient column and the subject.</summary>
internal static class EmailObservables
{
    public static void Add(ref ObservableWriter observables, in Row row, in EmailColumns columns)
    {
        observables.Add("email.from"u8, 5, row.Peek(columns.From));
        observables.Add("email.to"u8, 5, row.Peek(columns.To));
        observables.Add("email.subject"u8, 40, row.Peek(columns.Subject));
        observables.Add("email.uid"u8, 41, row.Peek(columns.Uid));
    }
}
