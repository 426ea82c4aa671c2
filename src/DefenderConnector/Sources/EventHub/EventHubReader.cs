using System.Globalization;
using DefenderConnector.Abstractions;
using DefenderConnector.Balancing;
using DefenderConnector.Checkpoints;
using DefenderConnector.Checkpoints.Blob;
using DefenderConnector.Pulling;
using Microsoft.Extensions.Logging;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// The Defender Streaming API as the pull engine reads it: lists the hub's partitions with their
/// beginnings and tails (at the start of the pull), and hands each partition to the engine as an
/// <see cref="EventHubPartitionStream"/>; every partition is drained concurrently up to the tail it had
/// when the pull began (or to the pull's budget). Batching, delivery, commit and retry are the engine's.
/// With a shared checkpoint store a <see cref="PartitionBalancer"/> decides which partitions this
/// instance reads (<see cref="BalancedPull"/>).
/// </summary>
internal sealed class EventHubReader : IPullSource
{
    private readonly EventHubSourceOptions _options;
    private readonly Func<IEventHubTransport> _transportFactory;
    private readonly Func<CancellationToken, Task<ConnectivityReport>> _probe;
    private readonly ILogger _logger;
    private readonly PartitionBalancer? _balancer;
    private readonly StorageRequestCounter? _requests;

    public EventHubReader(
        EventHubSourceOptions options,
        Func<IEventHubTransport> transportFactory,
        Func<CancellationToken, Task<ConnectivityReport>> probe,
        ILoggerFactory loggerFactory,
        CheckpointStore? store = null,
        TimeProvider? time = null)
    {
        _options = options;
        _balancer = store?.CreateBalancer(options.StreamKey, time ?? TimeProvider.System, loggerFactory.CreateLogger("DefenderConnector.Balancing"));
        _requests = store?.Counter;
        _transportFactory = transportFactory;
        _probe = probe;
        _logger = loggerFactory.CreateLogger("DefenderConnector.EventHub");
        Descriptor = new SourceDescriptor(EventHubConstants.SourceName, options.Describe(), options.PullInterval);
    }

    public SourceDescriptor Descriptor { get; }

    public long MaxEventsPerPull => _options.MaxEventsPerPull;

    public TimeSpan MaxPullDuration => _options.MaxPullDuration;

    public Task<ConnectivityReport> TestConnectivityAsync(CancellationToken cancellationToken) => _probe(cancellationToken);

    public async Task<SourcePullOutcome> PullAsync(PullRun run, CancellationToken cancellationToken)
    {
        var facts = new PartitionFacts();
        var filtered = new Filtering.FilteredRecords(_options.Tables);
        var requestsAtStart = _requests?.Requests ?? 0;
        var transport = _transportFactory();
        await using (transport.ConfigureAwait(false))
        {
            try
            {
                var hub = await WithRetryAsync(run, ct => transport.GetHubPropertiesAsync(ct), "read hub properties", cancellationToken).ConfigureAwait(false);
                run.ReportFacts(() => [.. Facts(hub, facts, run, requestsAtStart), .. filtered.Facts()]);
                if (_balancer is { } balancer)
                {
                    await new BalancedPull(balancer, run, _logger).RunAsync(
                        hub.PartitionIds,
                        async (id, ct) =>
                        {
                            var partition = await WithRetryAsync(run, c => transport.GetPartitionPropertiesAsync(id, c), $"read partition {id} properties", ct).ConfigureAwait(false);
                            await ReadPartitionAsync(run, new EventHubPartitionStream(transport, partition, _options, facts, run.Time, run.Metrics, _logger), filtered, ct).ConfigureAwait(false);
                        },
                        cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var partitions = new List<PartitionProperties>();
                    foreach (var id in hub.PartitionIds)
                    {
                        partitions.Add(await WithRetryAsync(run, ct => transport.GetPartitionPropertiesAsync(id, ct), $"read partition {id} properties", cancellationToken).ConfigureAwait(false));
                    }

                    var streams = partitions.Select(p => ReadPartitionAsync(run, new EventHubPartitionStream(transport, p, _options, facts, run.Time, run.Metrics, _logger), filtered, cancellationToken)).ToArray();
                    await Task.WhenAll(streams).ConfigureAwait(false);
                }

                // A partition that went quiet short of its tail is not caught up: the stop reason says so.
                var stop = facts.Stalled.IsEmpty ? PullStopReason.CaughtUp : PullStopReason.StoppedEarly;
                return new SourcePullOutcome(stop, [.. Facts(hub, facts, run, requestsAtStart), .. filtered.Facts()]);
            }
            finally
            {
                await FlushHeldCheckpointsAsync(run).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_balancer is { } balancer)
        {
            await balancer.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Positions held back by <c>checkpointStore.checkpointInterval</c> were delivered: they are written before the pull ends.</summary>
    private static async Task FlushHeldCheckpointsAsync(PullRun run)
    {
        if (run.State is IDeferredCommits deferred)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await deferred.FlushAsync(timeout.Token).ConfigureAwait(false);
        }
    }

    private async Task ReadPartitionAsync(PullRun run, EventHubPartitionStream partition, Filtering.FilteredRecords filtered, CancellationToken cancellationToken)
    {
        await using (partition.ConfigureAwait(false))
        {
            await run.ReadAsync(partition, _options.StreamKey, cancellationToken, _options.FullyQualifiedNamespace, _options.HubName, filtered).ConfigureAwait(false);
        }
    }

    private async Task<T> WithRetryAsync<T>(PullRun run, Func<CancellationToken, Task<T>> operation, string what, CancellationToken cancellationToken)
    {
        var resilience = run.Resilience(
            (failure, attempt) => EventHubPartitionStream.RetryDelay(failure, attempt, _options.MaxRetries),
            (failure, attempt, delay) => LogMessages.OperationRetry(_logger, what, failure.EventHubReason, attempt, delay.TotalSeconds));
        return await resilience.Pipeline.ExecuteAsync(async ct => await operation(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    private List<KeyValuePair<string, string>> Facts(EventHubProperties hub, PartitionFacts state, PullRun run, long requestsAtStart)
    {
        var facts = new List<KeyValuePair<string, string>> { new("partitions", hub.PartitionIds.Count.ToString(CultureInfo.InvariantCulture)) };
        var shown = hub.PartitionIds;
        if (_balancer is { } balancer)
        {
            // Only what this instance owns and read; the other instances report the rest.
            shown = hub.PartitionIds.Where(state.Tails.ContainsKey).ToArray();
            var owned = balancer.Owned.Order(StringComparer.Ordinal).ToArray();
            facts.Add(new("owner id", balancer.OwnerId));
            facts.Add(new("owned partitions", owned.Length == 0 ? "none" : string.Join(",", owned)));
            facts.Add(new("instances", $"{balancer.LastCount.Owners} sharing the hub, fair share {balancer.LastCount.FairShare} to {balancer.LastCount.FairShare + (hub.PartitionIds.Count % Math.Max(1, balancer.LastCount.Owners) > 0 ? 1 : 0)} partitions each"));
        }

        if (_requests is { } requests)
        {
            var used = requests.Requests - requestsAtStart;
            var events = _options.MaxEventsPerPull - run.Budget.Remaining;
            var per1000 = events > 0 ? (used * 1000.0 / events).ToString("0.0", CultureInfo.InvariantCulture) : "-";
            facts.Add(new("storage requests", $"{used} ({per1000} per 1,000 events)"));
        }

        foreach (var id in shown)
        {
            var tail = state.Tails.GetValueOrDefault(id, -1);
            var delivered = state.Delivered.TryGetValue(id, out var d) ? d.ToString(CultureInfo.InvariantCulture) : "-";
            facts.Add(new($"partition {id}", $"delivered to sequence number {delivered}, tail at pull start {tail}"));
            if (state.Notes.TryGetValue(id, out var note))
            {
                facts.Add(new($"partition {id} checkpoint", note));
            }

            if (state.Stalled.TryGetValue(id, out var stalled))
            {
                facts.Add(new($"partition {id} stopped early", $"no event arrived in three waits after sequence number {stalled.ToString(CultureInfo.InvariantCulture)}, short of the tail {tail.ToString(CultureInfo.InvariantCulture)}; the next pull continues from there"));
            }
        }

        return facts;
    }
}
