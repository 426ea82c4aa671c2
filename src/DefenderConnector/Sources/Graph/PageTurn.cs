namespace DefenderConnector.Sources.Graph;

/// <summary>What to read after a page: follow the service's next link, run a new keyset query, or stop.</summary>
/// <param name="NextLink">The next link to follow as is.</param>
/// <param name="Query">The next keyset query.</param>
/// <param name="TieOverflow">True when more objects share one update time than <c>$skip</c> can reach; the walk moves past that time.</param>
internal sealed record PageTurn(string? NextLink, KeysetPosition? Query, bool TieOverflow = false)
{
    public static PageTurn Done { get; } = new(null, null);

    public bool IsDone => NextLink is null && Query is null;
}
