namespace DefenderConnector.Abstractions;

/// <summary>How one hop of a connectivity test ended.</summary>
public enum HopVerdict
{
    /// <summary>The hop worked.</summary>
    Passed,

    /// <summary>The hop worked with a remark that is not a failure (for example "no events yet").</summary>
    Warning,

    /// <summary>The hop failed.</summary>
    Failed,

    /// <summary>The hop was not tried because an earlier one failed.</summary>
    Skipped,
}

/// <summary>One hop (DNS, TCP, TLS, authentication, ...) of a connectivity test.</summary>
/// <param name="Name">The hop, for example <c>dns</c> or <c>authentication</c>.</param>
/// <param name="Verdict">How it ended.</param>
/// <param name="Detail">Plain words: what was checked and what was found. Never contains a secret.</param>
public sealed record ConnectivityHop(string Name, HopVerdict Verdict, string Detail);

/// <summary>The result of testing one source.</summary>
/// <param name="Source">The source name.</param>
/// <param name="Outcome">A closed code for the outcome, for example <c>Connected</c>, <c>ConnectedNoEvents</c>, <c>AuthenticationFailed</c>.</param>
/// <param name="Diagnosis">One sentence saying what is wrong and what to do, or what was found.</param>
/// <param name="Hops">Each hop in order.</param>
/// <param name="Facts">What was learned (partition count, last enqueued time per partition, active mode...).</param>
public sealed record ConnectivityReport(
    string Source,
    string Outcome,
    string Diagnosis,
    IReadOnlyList<ConnectivityHop> Hops,
    IReadOnlyList<KeyValuePair<string, string>> Facts)
{
    /// <summary>True when the source is usable (with or without events).</summary>
    public bool Succeeded => Hops.All(h => h.Verdict is HopVerdict.Passed or HopVerdict.Warning);
}
