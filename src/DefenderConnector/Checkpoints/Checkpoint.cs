namespace DefenderConnector.Checkpoints;

/// <summary>
/// The last delivered position of one partition of one stream. <paramref name="Stream"/> is
/// <c>namespace/hub/consumergroup</c> lowercased; <paramref name="Offset"/> is opaque.
/// </summary>
internal sealed record Checkpoint(string Stream, string Partition, long SequenceNumber, string Offset, DateTimeOffset UpdatedAt);
