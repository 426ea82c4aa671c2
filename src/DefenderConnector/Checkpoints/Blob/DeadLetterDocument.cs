namespace DefenderConnector.Checkpoints.Blob;

/// <summary>A dead letter as stored in the container: every field of <see cref="DeadLetter"/>, the raw bytes in base64.</summary>
internal sealed record DeadLetterDocument(
    string Source,
    string Stream,
    string Partition,
    long? SequenceNumber,
    string? Offset,
    int? RecordIndex,
    string Reason,
    string Detail,
    byte[] Raw,
    DateTimeOffset At);
