namespace DefenderConnector.Host.Health;

/// <summary>The connector's health at one moment: overall, per source, per partition, with why.</summary>
internal sealed record HealthReport(HealthState State, bool Live, bool Ready, IReadOnlyList<ComponentHealth> Components);

