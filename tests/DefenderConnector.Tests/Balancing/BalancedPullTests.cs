using System.Collections.Concurrent;
using DefenderConnector.Abstractions;
using DefenderConnector.Balancing;
using DefenderConnector.Configuration;
using DefenderConnector.Encoders;
using DefenderConnector.Mapping;
using DefenderConnector.Pulling;
using DefenderConnector.Sources.EventHub;
using DefenderConnector.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using ManualTimeProvider = DefenderConnector.Tests.Sources.EventHub.ManualTimeProvider;

namespace DefenderConnector.Tests.Balancing;

/// <summary>
/// A pull of the partitions an instance owns, driven cycle by cycle (the clock never moves, so no
/// background cycle runs unless the test runs it): no partition is claimed without being read, and a
/// partition lost part-read and claimed anew is read again.
/// </summary>
public sealed class BalancedPullTests
{
    private const string Stream = "ns/hub/$default";
    private static readonly string[] Four = ["0", "1", "2", "3"];
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly ManualTimeProvider _time = new();
    private readonly InMemoryOwnershipStore _store;

    public BalancedPullTests() => _store = new InMemoryOwnershipStore(_time);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AloneItClaimsEveryPartitionAtTheStartAndEndsWithoutWaitingForAnotherCycle(bool balanced)
    {
        await using var a = Balancer("a", balanced ? LoadBalancingStrategy.Balanced : LoadBalancingStrategy.Greedy);
        var reads = new ConcurrentDictionary<string, int>();

        await Pull(a, Reader(reads)).WaitAsync(Wait);

        Assert.Equal(Four, reads.Keys.Order());
        Assert.All(_store.Owners(Stream).Values, owner => Assert.Equal("a", owner));
    }

    [Fact]
    public async Task APullThatHasEndedClaimsNothingUntilTheNextPullReadsIt()
    {
        await using var a = Balancer("a");
        await using var b = Balancer("b");
        await a.CycleAsync(Four, CancellationToken.None);
        var reads = new ConcurrentDictionary<string, int>();

        await Pull(b, Reader(reads)).WaitAsync(Wait);
        Assert.Equal(2, reads.Count);
        Assert.Equal(reads.Keys.Order(), b.Owned.Order());

        // The other instance stops and gives its two back; this one's background cycle only renews.
        await a.RelinquishAsync(CancellationToken.None);
        await b.CycleAsync(Four, CancellationToken.None);
        Assert.Equal(reads.Keys.Order(), b.Owned.Order());
        Assert.Equal(2, _store.Owners(Stream).Values.Count(o => o.Length == 0));

        // Its next pull claims and reads them.
        await Pull(b, Reader(reads)).WaitAsync(Wait);
        Assert.Equal(Four, reads.Keys.Order());
        Assert.Equal(Four, b.Owned.Order());
    }

    [Fact]
    public async Task APartitionLostPartReadIsReadAgainWhenClaimedAnewInTheSamePull()
    {
        string[] two = ["0", "1"];
        await using var a = Balancer("a");
        await using var b = Balancer("b");
        var reads = new ConcurrentDictionary<string, int>();
        var started = two.ToDictionary(p => p, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var cancelled = two.ToDictionary(p => p, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var pull = Pull(a, two, async (p, ct) =>
        {
            if (Count(reads, p) > 1)
            {
                return;
            }

            started[p].TrySetResult();
            try
            {
                await release.Task.WaitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                cancelled[p].TrySetResult();
                throw;
            }
        });
        await Task.WhenAll(started.Values.Select(s => s.Task)).WaitAsync(Wait);

        // Another instance steals one partition part-read; this one's next cycle sees the loss and stops reading it.
        await b.CycleAsync(two, CancellationToken.None);
        var stolen = Assert.Single(b.Owned);
        await a.CycleAsync(two, CancellationToken.None);
        await cancelled[stolen].Task.WaitAsync(Wait);

        // That instance stops before reading it; this one claims it anew and must read the rest.
        await b.RelinquishAsync(CancellationToken.None);
        await a.CycleAsync(two, CancellationToken.None);
        release.TrySetResult();
        await pull.WaitAsync(Wait);

        Assert.Equal(2, reads[stolen]);
        Assert.Equal(1, reads[two.Single(p => p != stolen)]);
    }

    [Fact]
    public async Task ALinkTakenWhileTheStoreStillNamesThisInstanceIsReadAgain()
    {
        await using var a = Balancer("a");
        var reads = new ConcurrentDictionary<string, int>();

        // Another instance opened its receiver before its own cycle saw that it does not own the partition.
        await Pull(a, (p, _) => Count(reads, p) == 1 && p == "2"
            ? Task.FromException(new ConnectorException(EventHubFailureReason.OwnershipLost, false, "amqp:link:stolen"))
            : Task.CompletedTask).WaitAsync(Wait);

        Assert.Equal(2, reads["2"]);
        Assert.Equal(Four, reads.Keys.Order());
    }

    [Fact]
    public async Task ALinkTakenByThePartitionsNewOwnerIsLeftToIt()
    {
        await using var a = Balancer("a");
        var reads = new ConcurrentDictionary<string, int>();

        await Pull(a, async (p, _) =>
        {
            if (Count(reads, p) == 1 && p == "2")
            {
                // The other instance claimed it and opened its receiver before this one's cycle ran.
                var record = (await _store.ListOwnershipAsync(Stream, CancellationToken.None)).Single(r => r.PartitionId == "2");
                await _store.ClaimOwnershipAsync(Stream, [record with { OwnerId = "b" }], CancellationToken.None);
                throw new ConnectorException(EventHubFailureReason.OwnershipLost, false, "amqp:link:stolen");
            }
        }).WaitAsync(Wait);

        // Reading it again would take the link back from its owner, which would take it back again.
        Assert.Equal(1, reads["2"]);
        Assert.DoesNotContain("2", a.Owned);
        Assert.Equal(Four, reads.Keys.Order());
    }

    [Fact]
    public async Task ShutdownGivesBackEveryPartitionEvenWhenARenewalLandedButItsAnswerWasLost()
    {
        await using var a = Balancer("a");
        await a.CycleAsync(Four, CancellationToken.None);
        _store.LoseNextAnswer = true;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => a.CycleAsync(Four, CancellationToken.None));

        await a.RelinquishAsync(CancellationToken.None);

        Assert.Equal(4, _store.Owners(Stream).Count);
        Assert.All(_store.Owners(Stream).Values, owner => Assert.Equal(string.Empty, owner));
    }

    private static Func<string, CancellationToken, Task> Reader(ConcurrentDictionary<string, int> reads) => (partition, _) =>
    {
        Count(reads, partition);
        return Task.CompletedTask;
    };

    private static int Count(ConcurrentDictionary<string, int> reads, string partition) => reads.AddOrUpdate(partition, 1, (_, n) => n + 1);

    private PartitionBalancer Balancer(string owner, LoadBalancingStrategy strategy = LoadBalancingStrategy.Greedy) =>
        new(_store, Stream, owner, new LoadBalancingOptions { Strategy = strategy, UpdateInterval = TimeSpan.FromSeconds(10), OwnershipExpiry = TimeSpan.FromMinutes(1) }, _time, NullLogger.Instance);

    private Task Pull(PartitionBalancer balancer, Func<string, CancellationToken, Task> read) => Pull(balancer, Four, read);

    private Task Pull(PartitionBalancer balancer, string[] partitions, Func<string, CancellationToken, Task> read)
    {
        var state = new InMemoryStateStore();
        var pipeline = new EventPipeline("eventhub", new CollectingSink(), state, new OcsfMapper(), EventEncoders.For(OutputFormat.Ocsf), new PullStatistics(), _time, NullConnectorMetrics.Instance);
        var run = new PullRun(pipeline, new PullBudget(long.MaxValue, TimeSpan.FromHours(1), _time));
        return Task.Run(() => new BalancedPull(balancer, run, NullLogger.Instance).RunAsync(partitions, read, CancellationToken.None));
    }
}
