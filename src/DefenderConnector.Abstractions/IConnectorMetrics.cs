namespace DefenderConnector.Abstractions;

/// <summary>
/// Counters the connector reports. Names are fixed (see the plugin README); tags have bounded
/// cardinality (source, partition, table, reason, failure class).
/// </summary>
public interface IConnectorMetrics
{
    /// <summary>Adds to a counter.</summary>
    void Add(string name, long value, params KeyValuePair<string, string>[] tags);

    /// <summary>Records a gauge value.</summary>
    void Record(string name, double value, params KeyValuePair<string, string>[] tags);
}

/// <summary>Metrics that go nowhere.</summary>
public sealed class NullConnectorMetrics : IConnectorMetrics
{
    /// <summary>The single instance.</summary>
    public static readonly NullConnectorMetrics Instance = new();

    private NullConnectorMetrics()
    {
    }

    /// <inheritdoc />
    public void Add(string name, long value, params KeyValuePair<string, string>[] tags)
    {
    }

    /// <inheritdoc />
    public void Record(string name, double value, params KeyValuePair<string, string>[] tags)
    {
    }
}
