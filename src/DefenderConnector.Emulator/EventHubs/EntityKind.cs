namespace DefenderConnector.Emulator.EventHubs;

/// <summary>The node an AMQP address names.</summary>
internal enum EntityKind
{
    Hub,
    PartitionSender,
    ConsumerPartition,
    Unknown,
}
