namespace DefenderConnector.Sources.Graph;

/// <summary>One page of an API answer.</summary>
/// <param name="Items">The objects, in the order served.</param>
/// <param name="NextLink">Graph's absolute <c>@odata.nextLink</c>, if any.</param>
/// <param name="Count">Graph's <c>@odata.count</c>, when asked for.</param>
internal sealed record ApiPage(IReadOnlyList<ApiItem> Items, string? NextLink, long? Count);
