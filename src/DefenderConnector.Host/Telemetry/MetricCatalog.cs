namespace DefenderConnector.Host.Telemetry;

/// <summary>
/// Every metric the connector and the host report, with its kind, unit and meaning; the README's metrics
/// table is this list. Tags are bounded: source, partition (a hub's partition ids or a Graph stream name),
/// reason, class, outcome, status, mode, output.
/// </summary>
internal static class MetricCatalog
{
    public static readonly IReadOnlyDictionary<string, (MetricKind Kind, string? Unit, string Description)> Known =
        new Dictionary<string, (MetricKind, string?, string)>(StringComparer.Ordinal)
        {
            ["connector.messages_read"] = (MetricKind.Counter, null, "Messages (Event Hub bodies, API objects) read and committed, per source and partition."),
            ["connector.bytes_read"] = (MetricKind.Counter, "By", "Bytes of those messages, per source and partition."),
            ["connector.events_sent"] = (MetricKind.Counter, null, "Events the output confirmed, per source and partition."),
            ["connector.bytes_sent"] = (MetricKind.Counter, "By", "Bytes of encoded events the output confirmed, per source and partition."),
            ["connector.dead_letters"] = (MetricKind.Counter, null, "Messages or records dead-lettered, per source, partition and reason."),
            ["connector.bodies_repaired"] = (MetricKind.Counter, null, "Bodies whose text was repaired to valid UTF-8 before reading, per source."),
            ["connector.errors"] = (MetricKind.Counter, null, "Pulls that failed, per source and failure class."),
            ["connector.pulls"] = (MetricKind.Counter, null, "Pulls, per source and outcome (CaughtUp, StoppedEarly, MaxEvents, MaxDuration, Cancelled, Failed, AlreadyRunning)."),
            ["connector.pull_duration"] = (MetricKind.Histogram, "s", "How long pulls took, per source and outcome."),
            ["eventhub.partition_lag"] = (MetricKind.Gauge, null, "Events waiting in a partition: its tail minus the checkpoint, per partition."),
            ["eventhub.partition_lag_seconds"] = (MetricKind.Gauge, "s", "Now minus the enqueued time of the last delivered event, per partition."),
            ["eventhub.partition_position"] = (MetricKind.Gauge, null, "The committed sequence number, per partition."),
            ["eventhub.partition_tail"] = (MetricKind.Gauge, null, "The partition's last enqueued sequence number when the pull began."),
            ["eventhub.partition_stalls"] = (MetricKind.Counter, null, "Partitions that went quiet before the tail they had when the pull began."),
            ["eventhub.reconnects"] = (MetricKind.Counter, null, "Partition receivers reopened after a transient failure, per reason."),
            ["eventhub.checkpoint_resets"] = (MetricKind.Counter, null, "Checkpoints found invalid and reset, per action."),
            ["graph.requests"] = (MetricKind.Counter, null, "HTTP requests to Entra, Graph and the legacy APIs, per status class (2xx, 3xx, 4xx, 429, 5xx, error)."),
            ["graph.throttled"] = (MetricKind.Counter, null, "Of those, answered 429 Too Many Requests."),
            ["graph.active_mode"] = (MetricKind.Gauge, null, "1 for the API the Graph source reads now (graph, m365d, mde, siem), 0 for the others."),
            ["auth.token_refreshes"] = (MetricKind.Counter, null, "Access tokens fetched from Entra (not served from the cache), per source."),
            ["output.batches"] = (MetricKind.Counter, null, "Batches the output confirmed, per output type."),
            ["output.failures"] = (MetricKind.Counter, null, "Batches the output could not deliver, per output type."),
            ["output.write_duration"] = (MetricKind.Histogram, "s", "Time from handing a batch to the output to its confirmation, per output type."),
        };
}
