namespace DefenderConnector.Checkpoints;

/// <summary>How a source's last pull ended, kept for <c>status</c>.</summary>
internal sealed record PullRecord(string Source, DateTimeOffset FinishedAt, string Outcome, string? Error, long Events, long DeadLettered);
