using DefenderConnector.Balancing;

namespace DefenderConnector.Tests.Fakes;

/// <summary>Ownership records in memory with the Blob store's rules: a claim wins only if its version is the current one (null: no record yet).</summary>
internal sealed class InMemoryOwnershipStore(TimeProvider time) : IOwnershipStore
{
    private readonly Dictionary<(string Stream, string Partition), PartitionOwnership> _records = [];
    private int _version;

    /// <summary>The next claim is written but its caller sees a cancellation, as when shutdown cancels a request the store already applied.</summary>
    public bool LoseNextAnswer { get; set; }

    public Task<IReadOnlyList<PartitionOwnership>> ListOwnershipAsync(string stream, CancellationToken cancellationToken)
    {
        lock (_records)
        {
            return Task.FromResult<IReadOnlyList<PartitionOwnership>>(_records.Where(r => r.Key.Stream == stream).Select(r => r.Value).ToList());
        }
    }

    public Task<IReadOnlyList<PartitionOwnership>> ClaimOwnershipAsync(string stream, IReadOnlyList<PartitionOwnership> claims, CancellationToken cancellationToken)
    {
        var won = new List<PartitionOwnership>();
        lock (_records)
        {
            foreach (var claim in claims)
            {
                var current = _records.GetValueOrDefault((stream, claim.PartitionId));
                if (current?.ETag != claim.ETag)
                {
                    continue;
                }

                var written = claim with { LastModified = time.GetUtcNow(), ETag = $"v{++_version}" };
                _records[(stream, claim.PartitionId)] = written;
                won.Add(written);
            }
        }

        if (LoseNextAnswer)
        {
            LoseNextAnswer = false;
            throw new OperationCanceledException("The answer to the claim was lost.");
        }

        return Task.FromResult<IReadOnlyList<PartitionOwnership>>(won);
    }

    /// <summary>Who holds each partition now (empty: given back).</summary>
    public Dictionary<string, string> Owners(string stream)
    {
        lock (_records)
        {
            return _records.Where(r => r.Key.Stream == stream).ToDictionary(r => r.Key.Partition, r => r.Value.OwnerId);
        }
    }
}
