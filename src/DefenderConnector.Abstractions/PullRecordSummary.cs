namespace DefenderConnector.Abstractions;

/// <summary>How a source's last pull ended.</summary>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="Outcome">Its stop reason: CaughtUp, MaxEvents, MaxDuration, Cancelled, Failed.</param>
/// <param name="Error">Its one-line error, when it failed.</param>
/// <param name="Events">Events it delivered.</param>
/// <param name="DeadLettered">Messages or records it dead-lettered.</param>
public sealed record PullRecordSummary(DateTimeOffset FinishedAt, string Outcome, string? Error, long Events, long DeadLettered);
