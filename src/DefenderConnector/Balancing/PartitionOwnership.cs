namespace DefenderConnector.Balancing;

/// <summary>
/// Who holds one partition of a stream, as the ownership store has it: the owner id (empty when
/// relinquished), when it was last written, and the version (ETag, without quotes) a claim must match.
/// </summary>
internal sealed record PartitionOwnership(string PartitionId, string OwnerId, DateTimeOffset LastModified, string? ETag)
{
    /// <summary>Held by a live owner: not relinquished, and written within <paramref name="expiry"/>.</summary>
    public bool IsActive(DateTimeOffset now, TimeSpan expiry) => OwnerId.Length > 0 && now - LastModified < expiry;
}
