namespace DefenderConnector.Sources.Graph;

/// <summary>
/// Where one list query starts: objects updated at or after <see cref="From"/> (strictly after when
/// <see cref="After"/>), ascending, skipping the first <see cref="Skip"/> (only ever used to step
/// through objects that share the boundary time).
/// </summary>
internal sealed record KeysetPosition(DateTimeOffset From, int Skip = 0, bool After = false)
{
    /// <summary>The OData comparison for the boundary.</summary>
    public string Operator => After ? "gt" : "ge";
}
