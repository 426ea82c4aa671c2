namespace DefenderConnector.Mapping.Identity;

/// <summary>Observables shared by the identity tables: the account and both endpoints.</summary>
internal static class IdentityObservables
{
    public static void Add(ref ObservableWriter observables, in Row row, bool userIsActor = false)
    {
        observables.Add(userIsActor ? "actor.user.name"u8 : "user.name"u8, 4, UserBlock.NameOf(row, UserColumns.Account));
        observables.Add("src_endpoint.ip"u8, 2, EndpointBlock.IpOf(row, Column.IPAddress));
        observables.Add("src_endpoint.hostname"u8, 1, Put.IsIp(row.Peek(Column.IPAddress)) || row.Has(Column.DeviceName) ? row.Peek(Column.DeviceName) : default);
    }
}
