namespace DefenderConnector.Host.Telemetry;

/// <summary>How a named metric is exported.</summary>
internal enum MetricKind
{
    /// <summary>A monotonic count (Prometheus <c>_total</c>).</summary>
    Counter,

    /// <summary>The last value recorded per tag set (lag, position, active mode).</summary>
    Gauge,

    /// <summary>A distribution of recorded values (durations).</summary>
    Histogram,
}
