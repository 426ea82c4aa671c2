using DefenderConnector.Balancing;

namespace DefenderConnector.Tests.Balancing;

/// <summary>The load-balancing decision as a table: who owns what, and what this instance claims next.</summary>
public sealed class OwnershipPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Eight = ["0", "1", "2", "3", "4", "5", "6", "7"];

    private static OwnershipPlan Plan(string me, LoadBalancingStrategy strategy, params (string Partition, string Owner, int SecondsAgo)[] records) =>
        OwnershipPlanner.Plan(
            Eight,
            records.Select(r => new PartitionOwnership(r.Partition, r.Owner, Now.AddSeconds(-r.SecondsAgo), "\"etag-" + r.Partition + "\"")).ToList(),
            me,
            Now,
            new LoadBalancingOptions { Strategy = strategy, OwnershipExpiry = TimeSpan.FromSeconds(60) },
            new Random(7));

    [Fact]
    public void AloneAndGreedyItClaimsEveryPartitionAtOnce()
    {
        var plan = Plan("a", LoadBalancingStrategy.Greedy);
        Assert.Equal(8, plan.NewClaims.Count);
        Assert.All(plan.NewClaims, c => Assert.Null(c.ETag));
        Assert.Equal(8, plan.FairShare);
    }

    [Fact]
    public void BalancedClaimsOnePartitionPerCycle()
    {
        var plan = Plan("a", LoadBalancingStrategy.Balanced);
        Assert.Single(plan.NewClaims);
        Assert.False(plan.Settled);

        // Short of all eight: one claim won does not make its share.
        Assert.Equal(8, plan.Wanted);
        Assert.False(plan.SettledAfter(1));
    }

    [Fact]
    public void ACycleThatWinsEveryClaimItNeededHasItsShare()
    {
        var plan = Plan("a", LoadBalancingStrategy.Greedy);
        Assert.True(plan.SettledAfter(8));
        Assert.False(plan.SettledAfter(7));

        // Nothing to take (another instance holds its share, nothing free): settled without a claim.
        var full = Plan("a", LoadBalancingStrategy.Greedy, ("0", "a", 1), ("1", "a", 1), ("2", "a", 1), ("3", "a", 1), ("4", "b", 1), ("5", "b", 1), ("6", "b", 1), ("7", "b", 1));
        Assert.True(full.SettledAfter(0));
    }

    [Fact]
    public void ASecondInstanceStealsFromOneThatHoldsEverything()
    {
        var plan = Plan("b", LoadBalancingStrategy.Greedy, [.. Eight.Select(p => (p, "a", 5))]);
        var steal = Assert.Single(plan.NewClaims);
        Assert.Equal("b", steal.OwnerId);
        Assert.Equal("\"etag-" + steal.PartitionId + "\"", steal.ETag);
        Assert.Equal(2, plan.ActiveOwners);
        Assert.Equal(4, plan.FairShare);
    }

    [Fact]
    public void ExpiredAndRelinquishedOwnershipIsFreeAndClaimedWithItsVersion()
    {
        var plan = Plan("b", LoadBalancingStrategy.Greedy, ("0", "a", 120), ("1", "", 1), ("2", "c", 1), ("3", "c", 1), ("4", "c", 1), ("5", "c", 1));
        // Live owners: b and c: 4 each. b holds none, so it takes 0, 1, 6, 7 (two without a blob, two with one).
        Assert.Equal(["0", "1", "6", "7"], plan.NewClaims.Select(c => c.PartitionId).Order());
        Assert.Equal("\"etag-0\"", plan.NewClaims.Single(c => c.PartitionId == "0").ETag);
        Assert.Null(plan.NewClaims.Single(c => c.PartitionId == "6").ETag);
    }

    [Fact]
    public void AtItsShareItRenewsAndWantsNothing()
    {
        var plan = Plan("a", LoadBalancingStrategy.Greedy, ("0", "a", 10), ("1", "a", 10), ("2", "a", 10), ("3", "b", 1), ("4", "b", 1), ("5", "b", 1), ("6", "c", 1), ("7", "c", 1));
        Assert.True(plan.Settled);
        Assert.Equal(["0", "1", "2"], plan.Renewals.Select(r => r.PartitionId));
        Assert.All(plan.Renewals, r => Assert.Equal(Now, r.LastModified));
    }

    [Fact]
    public void TheRemainderGoesToOnlyAsManyOwnersAsItAllows()
    {
        // 8 over 3: two owners may hold 3. b and c already do, so a stays at 2 although 7 is free.
        var plan = Plan("a", LoadBalancingStrategy.Greedy, ("0", "a", 1), ("1", "a", 1), ("2", "b", 1), ("3", "b", 1), ("4", "b", 1), ("5", "c", 1), ("6", "c", 1), ("7", "c", 1));
        Assert.True(plan.Settled);

        var withFree = Plan("a", LoadBalancingStrategy.Greedy, ("0", "a", 1), ("1", "a", 1), ("2", "b", 1), ("3", "b", 1), ("4", "b", 1), ("5", "c", 1), ("6", "c", 1));
        Assert.Equal("7", Assert.Single(withFree.NewClaims).PartitionId);
    }

    [Fact]
    public void ItNeverStealsFromAnOwnerAtItsShare()
    {
        // a holds 2, b 3, c 3: balanced already; nothing is stolen.
        var plan = Plan("a", LoadBalancingStrategy.Greedy, ("0", "a", 1), ("1", "a", 1), ("2", "b", 1), ("3", "b", 1), ("4", "b", 1), ("5", "c", 1), ("6", "c", 1), ("7", "c", 1));
        Assert.Empty(plan.NewClaims);
    }

    [Fact]
    public void ItsOwnExpiredOwnershipIsRenewedNotClaimedAgain()
    {
        var plan = Plan("a", LoadBalancingStrategy.Greedy, [.. Eight.Select(p => (p, "a", 300))]);
        Assert.Equal(8, plan.Renewals.Count);
        Assert.Empty(plan.NewClaims);
    }
}
