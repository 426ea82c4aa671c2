namespace DefenderConnector.Abstractions;

/// <summary>The state of one stream (an Event Hub partition, an API stream) of a source.</summary>
/// <param name="Source">The source (<c>eventhub</c>, <c>graph</c>).</param>
/// <param name="Stream">The stream key: namespace/hub/consumer group, or the API cursor's name.</param>
/// <param name="Partition">The partition id, or empty for an API stream.</param>
/// <param name="Checkpoint">The committed position: a sequence number, or the API cursor's text.</param>
/// <param name="CheckpointAt">When it was committed, when known.</param>
/// <param name="Tail">The partition's last enqueued sequence number, when it was read.</param>
/// <param name="Lag">Events waiting after the checkpoint, when the tail was read.</param>
/// <param name="TailProblem">Why the tail could not be read (one line, no secret), or null.</param>
/// <param name="LastPull">The source's last pull, when one was recorded.</param>
/// <param name="DeadLetters">Open dead letters of this stream, per reason.</param>
public sealed record StreamStatus(
    string Source,
    string Stream,
    string Partition,
    string? Checkpoint,
    DateTimeOffset? CheckpointAt,
    long? Tail,
    long? Lag,
    string? TailProblem,
    PullRecordSummary? LastPull,
    IReadOnlyDictionary<string, long> DeadLetters);

