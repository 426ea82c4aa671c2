namespace DefenderConnector.Abstractions;

/// <summary>What one pull of one source did.</summary>
public sealed record PullSummary
{
    /// <summary>The source name.</summary>
    public required string Source { get; init; }

    /// <summary>When the pull started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>How long it took.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Source messages read (Event Hub messages, API pages' items).</summary>
    public long MessagesRead { get; init; }

    /// <summary>Events delivered to the sink and committed.</summary>
    public long EventsDelivered { get; init; }

    /// <summary>Bytes of encoded events delivered.</summary>
    public long BytesDelivered { get; init; }

    /// <summary>Messages or records sent to the dead-letter store.</summary>
    public long DeadLettered { get; init; }

    /// <summary>Events per table or resource type.</summary>
    public IReadOnlyDictionary<string, long> EventsByTable { get; init; } = new Dictionary<string, long>();

    /// <summary>Dead letters per reason.</summary>
    public IReadOnlyDictionary<string, long> DeadLettersByReason { get; init; } = new Dictionary<string, long>();

    /// <summary>
    /// Events whose ActionType Microsoft does not document, per <c>Table/ActionType</c>: they were
    /// delivered as OCSF Base Events, and the names are what to report so the mapping can class them.
    /// </summary>
    public IReadOnlyDictionary<string, long> UndocumentedActionTypes { get; init; } = new Dictionary<string, long>();

    /// <summary>Why the pull stopped: <c>CaughtUp</c>, <c>StoppedEarly</c> (a stream went quiet short of the end it had at the start; nothing lost), <c>MaxEvents</c>, <c>MaxDuration</c>, <c>Cancelled</c>, <c>Failed</c>.</summary>
    public required string StopReason { get; init; }

    /// <summary>The failure class and message when <see cref="StopReason"/> is <c>Failed</c>; never contains a secret.</summary>
    public string? Error { get; init; }

    /// <summary>Source-specific facts (active API mode, partitions read, lag...).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Facts { get; init; } = [];
}
