namespace DefenderConnector.Host.Health;

/// <summary>The health of a source, a partition or the whole connector; later values are worse.</summary>
internal enum HealthState
{
    Healthy,
    Degraded,
    Failed,
}
