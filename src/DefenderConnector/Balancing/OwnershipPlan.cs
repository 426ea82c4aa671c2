namespace DefenderConnector.Balancing;

/// <summary>
/// One balancing cycle's decision: the claims to write (renewals of what the instance holds, then new
/// partitions, with the version each was seen at), and whether the instance already has its share
/// (<see cref="Settled"/>: nothing new wanted).
/// </summary>
internal sealed record OwnershipPlan(IReadOnlyList<PartitionOwnership> Renewals, IReadOnlyList<PartitionOwnership> NewClaims, int ActiveOwners, int FairShare)
{
    public bool Settled => NewClaims.Count == 0;
}
