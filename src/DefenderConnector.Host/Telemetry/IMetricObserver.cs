namespace DefenderConnector.Host.Telemetry;

/// <summary>Something in the host that follows the connector's measurements as they arrive (health, progress).</summary>
internal interface IMetricObserver
{
    void Observe(string name, double value, ReadOnlySpan<KeyValuePair<string, string>> tags);
}
