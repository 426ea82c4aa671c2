namespace DefenderConnector.Balancing;

/// <summary>
/// Partition ownership shared by every instance reading one stream (Event Hub partitions, the Graph
/// poller lease), with optimistic concurrency: a claim names the version it last saw and wins only if
/// nobody wrote the ownership since.
/// </summary>
internal interface IOwnershipStore
{
    /// <summary>Every ownership record of <paramref name="stream"/> (<c>namespace/hub/consumergroup</c>, lowercased).</summary>
    Task<IReadOnlyList<PartitionOwnership>> ListOwnershipAsync(string stream, CancellationToken cancellationToken);

    /// <summary>
    /// Writes each claim (its <see cref="PartitionOwnership.OwnerId"/>) if its <see cref="PartitionOwnership.ETag"/> still
    /// matches (null: only if no record exists yet); returns the claims that won, with their new version and time.
    /// </summary>
    Task<IReadOnlyList<PartitionOwnership>> ClaimOwnershipAsync(string stream, IReadOnlyList<PartitionOwnership> claims, CancellationToken cancellationToken);
}
