namespace DefenderConnector.Checkpoints;

/// <summary>A dead letter as stored: its number, and when a re-drive delivered it (null while open).</summary>
internal sealed record StoredDeadLetter(long Id, DeadLetter Letter, DateTimeOffset? DoneAt);
