namespace DefenderConnector.Abstractions;

/// <summary>One stored dead letter.</summary>
/// <param name="Id">Its number in the store (for <c>show</c> and <c>redrive</c>).</param>
/// <param name="Source">The source.</param>
/// <param name="Stream">The stream key.</param>
/// <param name="Partition">The partition id, or empty.</param>
/// <param name="SequenceNumber">The message's sequence number, when it has one.</param>
/// <param name="Offset">The message's offset, when it has one.</param>
/// <param name="RecordIndex">The record's index in its message, or null for the whole message.</param>
/// <param name="Reason">The closed reason code.</param>
/// <param name="Detail">What was wrong, in plain words.</param>
/// <param name="Raw">The raw bytes.</param>
/// <param name="At">When it was dead-lettered.</param>
/// <param name="DoneAt">When a re-drive delivered it, or null while open.</param>
public sealed record DeadLetterEntry(
    long Id,
    string Source,
    string Stream,
    string Partition,
    long? SequenceNumber,
    string? Offset,
    int? RecordIndex,
    string Reason,
    string Detail,
    ReadOnlyMemory<byte> Raw,
    DateTimeOffset At,
    DateTimeOffset? DoneAt);
