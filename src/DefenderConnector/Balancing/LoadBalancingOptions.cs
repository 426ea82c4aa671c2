namespace DefenderConnector.Balancing;

/// <summary><c>checkpointStore.loadBalancing</c> after validation. Defaults are those of the .NET Event Hubs processor (5.7 and later).</summary>
internal sealed record LoadBalancingOptions
{
    public static readonly TimeSpan DefaultUpdateInterval = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultOwnershipExpiry = TimeSpan.FromMinutes(2);

    public LoadBalancingStrategy Strategy { get; init; } = LoadBalancingStrategy.Greedy;

    /// <summary>How often an instance lists ownership, renews its own and claims (<c>updateInterval</c>).</summary>
    public TimeSpan UpdateInterval { get; init; } = DefaultUpdateInterval;

    /// <summary>Ownership not renewed for this long is free to claim (<c>ownershipExpiry</c>): how long a dead instance's partitions wait.</summary>
    public TimeSpan OwnershipExpiry { get; init; } = DefaultOwnershipExpiry;
}
