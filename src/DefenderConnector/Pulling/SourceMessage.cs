namespace DefenderConnector.Pulling;

/// <summary>One Event Hub message as received, with its position.</summary>
/// <param name="Body">The message body (a Streaming API envelope).</param>
/// <param name="Partition">The partition id.</param>
/// <param name="SequenceNumber">The message's sequence number in its partition.</param>
/// <param name="Offset">The message's offset (opaque).</param>
/// <param name="EnqueuedTime">When Event Hubs accepted it.</param>
/// <param name="PartitionKey">The publisher's partition key, when it gave one.</param>
internal readonly record struct SourceMessage(ReadOnlyMemory<byte> Body, string Partition, long SequenceNumber, string Offset, DateTimeOffset EnqueuedTime, string? PartitionKey = null);
