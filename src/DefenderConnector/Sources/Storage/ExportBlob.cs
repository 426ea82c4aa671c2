namespace DefenderConnector.Sources.Storage;

/// <summary>One export blob as the listing at the start of a pull saw it.</summary>
/// <param name="Container">Its container (one per table).</param>
/// <param name="Name">Its name, with the <c>y=/m=/d=/h=/m=00/PT1H.json</c> path.</param>
/// <param name="Hour">The hour its path names (UTC), or null for a name without that path.</param>
/// <param name="Length">Its length when listed: this pull reads up to there.</param>
/// <param name="LastModified">When it was last appended to.</param>
internal sealed record ExportBlob(string Container, string Name, DateTimeOffset? Hour, long Length, DateTimeOffset LastModified);
