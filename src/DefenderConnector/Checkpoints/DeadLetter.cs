namespace DefenderConnector.Checkpoints;

/// <summary>
/// A message or record that could not be turned into an event, kept with its position and raw bytes
/// so it can be inspected and replayed.
/// </summary>
/// <param name="Source">The source name (<c>eventhub</c>, <c>graph</c>).</param>
/// <param name="Stream">The stream key (see <see cref="Checkpoint"/>) or the API resource.</param>
/// <param name="Partition">The partition id, or empty.</param>
/// <param name="SequenceNumber">The message's sequence number, when it has one.</param>
/// <param name="Offset">The message's offset, when it has one.</param>
/// <param name="RecordIndex">The record's index in the message's <c>records</c> array, or null for the whole message.</param>
/// <param name="Reason">A closed reason code: see <see cref="DeadLetterReasons"/>.</param>
/// <param name="Detail">Plain words on what was wrong.</param>
/// <param name="Raw">The raw bytes of the message or record.</param>
/// <param name="At">When it was dead-lettered.</param>
internal sealed record DeadLetter(
    string Source,
    string Stream,
    string Partition,
    long? SequenceNumber,
    string? Offset,
    int? RecordIndex,
    string Reason,
    string Detail,
    ReadOnlyMemory<byte> Raw,
    DateTimeOffset At);

/// <summary>The closed set of dead-letter reasons.</summary>
internal static class DeadLetterReasons
{
    public const string NotJson = "NotJson";
    public const string NoRecordsArray = "NoRecordsArray";
    public const string RecordNotObject = "RecordNotObject";
    public const string RecordUnmappable = "RecordUnmappable";
    public const string EmptyBody = "EmptyBody";

    /// <summary>JSON the reader accepted but could not read (a defect, never expected after <c>TextRepair</c>).</summary>
    public const string Unreadable = "Unreadable";
}
