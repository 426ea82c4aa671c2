namespace DefenderConnector.Host.Health;

/// <summary>One source (<paramref name="Partition"/> null) or one of its partitions.</summary>
internal sealed record ComponentHealth(string Source, string? Partition, HealthState State, string Reason);
