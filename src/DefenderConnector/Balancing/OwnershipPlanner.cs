namespace DefenderConnector.Balancing;

/// <summary>
/// The load-balancing decision of one cycle, as the Azure SDK processors make it (a pure function, so it
/// is tested as a table). Ownership older than the expiry, or relinquished (empty owner), is free. The
/// live owners, counting this instance, split the partitions: each holds at least <c>P / N</c>, and
/// <c>P mod N</c> of them one more. Below that an instance claims free partitions (all it needs when
/// greedy, one per cycle when balanced); with none free and below the minimum it steals one from the
/// owner holding the most. It always renews what it holds.
/// </summary>
internal static class OwnershipPlanner
{
    public static OwnershipPlan Plan(IReadOnlyList<string> partitions, IReadOnlyList<PartitionOwnership> records, string ownerId, DateTimeOffset now, LoadBalancingOptions options, Random random)
    {
        var known = new HashSet<string>(partitions, StringComparer.Ordinal);
        var byPartition = new Dictionary<string, PartitionOwnership>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (known.Contains(record.PartitionId))
            {
                byPartition[record.PartitionId] = record;
            }
        }

        // Ours even when our last renewal is older than the expiry: the claim below still needs the version nobody changed.
        var mine = byPartition.Values.Where(r => r.OwnerId == ownerId).OrderBy(r => r.PartitionId, StringComparer.Ordinal).ToList();
        var others = byPartition.Values
            .Where(r => r.OwnerId != ownerId && r.IsActive(now, options.OwnershipExpiry))
            .GroupBy(r => r.OwnerId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var owners = others.Count + 1;
        var minimum = partitions.Count / owners;
        var withExtra = partitions.Count % owners;
        var othersAboveMinimum = others.Values.Count(list => list.Count > minimum);

        var want = 0;
        if (mine.Count < minimum)
        {
            want = minimum - mine.Count;
        }
        else if (mine.Count == minimum && othersAboveMinimum < withExtra)
        {
            want = 1;
        }

        var wanted = want;
        if (options.Strategy == LoadBalancingStrategy.Balanced)
        {
            want = Math.Min(want, 1);
        }

        var claims = new List<PartitionOwnership>();
        if (want > 0)
        {
            var free = partitions
                .Where(p => !byPartition.TryGetValue(p, out var r) || (r.OwnerId != ownerId && !r.IsActive(now, options.OwnershipExpiry)))
                .OrderBy(_ => random.Next())
                .Take(want);
            foreach (var partition in free)
            {
                claims.Add(new PartitionOwnership(partition, ownerId, now, byPartition.TryGetValue(partition, out var r) ? r.ETag : null));
            }

            if (claims.Count == 0 && Victim(others, mine.Count < minimum ? minimum : minimum + 1, random) is { } victim)
            {
                claims.Add(victim with { OwnerId = ownerId });
            }
        }

        var renewals = mine.Select(r => r with { LastModified = now }).ToList();
        return new OwnershipPlan(renewals, claims, owners, minimum, wanted);
    }

    /// <summary>One partition of the owner holding the most, when that is more than <paramref name="above"/>.</summary>
    private static PartitionOwnership? Victim(Dictionary<string, List<PartitionOwnership>> others, int above, Random random)
    {
        var most = others.Values.Where(list => list.Count > above).OrderByDescending(list => list.Count).ThenBy(_ => random.Next()).FirstOrDefault();
        return most?[random.Next(most.Count)];
    }
}
