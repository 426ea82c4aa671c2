namespace DefenderConnector.Balancing;

/// <summary>
/// One balancing cycle's decision: the claims to write (renewals of what the instance holds, then new
/// partitions, with the version each was seen at), and whether the instance already has its share
/// (<see cref="Settled"/>: nothing new wanted), and how many partitions it is short of its share
/// (<see cref="Wanted"/>, before the <c>balanced</c> strategy's one-per-cycle limit).
/// </summary>
internal sealed record OwnershipPlan(IReadOnlyList<PartitionOwnership> Renewals, IReadOnlyList<PartitionOwnership> NewClaims, int ActiveOwners, int FairShare, int Wanted = 0)
{
    public bool Settled => NewClaims.Count == 0;

    /// <summary>
    /// Whether the instance has its share once <paramref name="gained"/> of the new claims were won:
    /// all were won and they cover what it was short of, or there was nothing it could take.
    /// </summary>
    public bool SettledAfter(int gained) => NewClaims.Count == 0 || (gained == NewClaims.Count && gained >= Wanted);
}
