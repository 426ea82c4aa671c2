namespace DefenderConnector.Abstractions;

/// <summary>What one offline replay read, wrote and rejected.</summary>
public sealed record ReplaySummary
{
    /// <summary>True when the input could not be read as JSON at all (empty, or no line is JSON); nothing was written.</summary>
    public bool InputUnreadable { get; init; }

    /// <summary>Why the input was unreadable, in plain words; null when it was readable.</summary>
    public string? InputProblem { get; init; }

    /// <summary>Events written to the output.</summary>
    public long EventsWritten { get; init; }

    /// <summary>Events per OCSF class uid (0 is the Base Event that unknown tables and shapes become).</summary>
    public IReadOnlyDictionary<int, long> EventsByClass { get; init; } = new Dictionary<int, long>();

    /// <summary>Events per Defender table or API resource kind.</summary>
    public IReadOnlyDictionary<string, long> EventsByTable { get; init; } = new Dictionary<string, long>();

    /// <summary>Tables the mapper does not know, with their event counts; those events were still written as Base Events.</summary>
    public IReadOnlyDictionary<string, long> UnknownTables { get; init; } = new Dictionary<string, long>();

    /// <summary>Events whose ActionType Microsoft does not document (written as Base Events), per <c>Table/ActionType</c>.</summary>
    public IReadOnlyDictionary<string, long> UndocumentedActionTypes { get; init; } = new Dictionary<string, long>();

    /// <summary>Lines and records that produced no event, in input order.</summary>
    public IReadOnlyList<ReplayDeadLetter> DeadLetters { get; init; } = [];
}
