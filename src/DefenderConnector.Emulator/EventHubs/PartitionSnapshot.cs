namespace DefenderConnector.Emulator.EventHubs;

/// <summary>What $management and runtime metrics report about a partition at one instant.</summary>
internal readonly record struct PartitionSnapshot(
    long BeginSequenceNumber, long LastSequenceNumber, long LastOffset, DateTimeOffset LastEnqueuedTime, bool IsEmpty);
