using Amqp.Framing;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>One event in a partition log. A class so the log's list holds references, not copies.</summary>
internal sealed class StoredEvent(
    long sequenceNumber, long offset, DateTimeOffset enqueuedTime, string? partitionKey, byte[] body,
    ApplicationProperties? applicationProperties, Properties? properties)
{
    public long SequenceNumber { get; } = sequenceNumber;
    public long Offset { get; } = offset;
    public DateTimeOffset EnqueuedTime { get; } = enqueuedTime;
    public string? PartitionKey { get; } = partitionKey;
    public byte[] Body { get; } = body;
    public ApplicationProperties? ApplicationProperties { get; } = applicationProperties;
    public Properties? Properties { get; } = properties;
}
