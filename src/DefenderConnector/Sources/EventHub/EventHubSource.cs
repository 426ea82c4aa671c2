using DefenderConnector.Abstractions;
using DefenderConnector.Checkpoints;
using DefenderConnector.Pulling;
using Microsoft.Extensions.Logging;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// Pulls the Defender Streaming API from one event hub: every partition is drained concurrently up
/// to the last sequence number it had when the pull began (or to the pull's limits), batch by batch,
/// each batch checkpointed only after the sink confirmed it. A transient failure reopens the
/// partition from its last committed position, so nothing is lost and nothing skipped.
/// </summary>
internal sealed class EventHubSource : IPullSource
{
    private readonly EventHubSourceOptions _options;
    private readonly Func<IEventHubTransport> _transportFactory;
    private readonly Func<CancellationToken, Task<ConnectivityReport>> _probe;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public EventHubSource(
        EventHubSourceOptions options,
        Func<IEventHubTransport> transportFactory,
        Func<CancellationToken, Task<ConnectivityReport>> probe,
        TimeProvider time,
        ILoggerFactory loggerFactory)
    {
        _options = options;
        _transportFactory = transportFactory;
        _probe = probe;
        _time = time;
        _logger = loggerFactory.CreateLogger("DefenderConnector.EventHub");
        Descriptor = new SourceDescriptor(EventHubConstants.SourceName, options.Describe(), options.PullInterval);
    }

    public SourceDescriptor Descriptor { get; }

    public Task<ConnectivityReport> TestConnectivityAsync(CancellationToken cancellationToken) => _probe(cancellationToken);

    public async Task<SourcePullOutcome> PullAsync(EventPipeline pipeline, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(_options.MaxPullDuration);
        var state = new PullState(_options.MaxEventsPerPull);
        var transport = _transportFactory();
        await using (transport.ConfigureAwait(false))
        {
            EventHubProperties hub;
            List<PartitionProperties> partitions;
            try
            {
                hub = await WithRetryAsync(ct => transport.GetHubPropertiesAsync(ct), "read hub properties", budget.Token).ConfigureAwait(false);
                partitions = [];
                foreach (var id in hub.PartitionIds)
                {
                    partitions.Add(await WithRetryAsync(ct => transport.GetPartitionPropertiesAsync(id, ct), $"read partition {id} properties", budget.Token).ConfigureAwait(false));
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && budget.IsCancellationRequested)
            {
                return new SourcePullOutcome(PullStopReason.MaxDuration, []);
            }

            var tasks = partitions.Select(p => DrainPartitionAsync(transport, pipeline, p, state, budget.Token)).ToArray();
            try
            {
                await Task.WhenAll(tasks).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return new SourcePullOutcome(PullStopReason.Cancelled, Facts(hub, state));
            }
            catch (OperationCanceledException) when (budget.IsCancellationRequested)
            {
                return new SourcePullOutcome(PullStopReason.MaxDuration, Facts(hub, state));
            }

            var reason = state.Remaining <= 0 ? PullStopReason.MaxEvents : PullStopReason.CaughtUp;
            return new SourcePullOutcome(reason, Facts(hub, state));
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task DrainPartitionAsync(IEventHubTransport transport, EventPipeline pipeline, PartitionProperties partition, PullState state, CancellationToken cancellationToken)
    {
        var stream = _options.StreamKey;
        var checkpoint = await pipeline.State.GetCheckpointAsync(stream, partition.PartitionId, cancellationToken).ConfigureAwait(false);
        var tail = partition.LastEnqueuedSequenceNumber;
        state.Partitions[partition.PartitionId] = tail;
        if (CheckpointCheck.Find(checkpoint?.SequenceNumber, partition.BeginningSequenceNumber, tail, partition.IsEmpty) is { } problem)
        {
            checkpoint = await ResetCheckpointAsync(pipeline, partition, problem, state, cancellationToken).ConfigureAwait(false);
            if (checkpoint is null)
            {
                return;
            }
        }

        // Nothing before the start is wanted when the partition was never read and its newest event is
        // older than the start ("latest", or an enqueued time after the tail): remember the tail so the
        // next pull starts after it. An empty partition is remembered too (its tail is -1, or the
        // sequence number before the next event after retention emptied it); otherwise a "latest" start
        // would skip whatever arrives between the first and the second pull.
        if (checkpoint is null
            && (_options.InitialPosition.Kind == StartPositionKind.Latest
                || (_options.InitialPosition.Kind == StartPositionKind.EnqueuedTime && (partition.IsEmpty || partition.LastEnqueuedTime < _options.InitialPosition.Time))))
        {
            var before = partition.IsEmpty ? Math.Min(tail, partition.BeginningSequenceNumber - 1) : tail;
            await pipeline.State.CommitAsync(
                StateCommit.For(new Checkpoint(stream, partition.PartitionId, before, partition.LastEnqueuedOffset, _time.GetUtcNow()), []),
                cancellationToken).ConfigureAwait(false);
            return;
        }

        if (partition.IsEmpty || (checkpoint is not null && checkpoint.SequenceNumber >= tail))
        {
            return;
        }

        long? committed = checkpoint?.SequenceNumber;
        var batcher = pipeline.CreateBatcher(stream, _options.FullyQualifiedNamespace, _options.HubName);
        var buffer = new List<SourceMessage>(_options.BatchMessages);
        var attempt = 0;
        var opened = false;
        while (true)
        {
            var position = committed is { } n ? ReadPosition.After(n) : ReadPosition.From(_options.InitialPosition);
            try
            {
                opened = false;
                var reader = await transport.OpenReaderAsync(partition.PartitionId, position, cancellationToken).ConfigureAwait(false);
                opened = true;
                await using (reader.ConfigureAwait(false))
                {
                    var idle = 0;
                    while ((committed ?? -1) < tail && state.Remaining > 0)
                    {
                        buffer.Clear();
                        var want = (int)Math.Min(_options.BatchMessages, state.Remaining);
                        var got = await reader.ReceiveAsync(buffer, want, EventHubConstants.DefaultReceiveWait, cancellationToken).ConfigureAwait(false);
                        if (got == 0)
                        {
                            // The tail was seen at the start of the pull; events can stop arriving only if
                            // retention trimmed them. Give up on this partition after a few empty waits.
                            if (++idle >= 3)
                            {
                                LogMessages.PartitionIdle(_logger, partition.PartitionId, committed ?? -1, tail);
                                return;
                            }

                            continue;
                        }

                        idle = 0;
                        SourceMessage? last = null;
                        foreach (var message in buffer)
                        {
                            if (message.SequenceNumber > tail)
                            {
                                break;
                            }

                            var before = batcher.EventCount + batcher.DeadLetterCount;
                            batcher.AddMessage(message);
                            state.Take(batcher.EventCount + batcher.DeadLetterCount - before);
                            last = message;
                        }

                        if (last is { } end)
                        {
                            await batcher.FlushAsync(
                                StateCommit.For(new Checkpoint(stream, partition.PartitionId, end.SequenceNumber, end.Offset, _time.GetUtcNow()), []),
                                cancellationToken).ConfigureAwait(false);
                            committed = end.SequenceNumber;
                            state.Delivered[partition.PartitionId] = end.SequenceNumber;
                            pipeline.Metrics.Record("eventhub.partition_lag", tail - end.SequenceNumber, new("source", EventHubConstants.SourceName), new("partition", partition.PartitionId));
                            attempt = 0;
                        }

                        if (buffer[^1].SequenceNumber >= tail)
                        {
                            return;
                        }
                    }

                    return;
                }
            }
            catch (EventHubException failure)
            {
                batcher.Reset();
                attempt++;

                // A link that was reading and is then detached as unauthorized lost a race between its
                // token's expiry and the renewal: reopen once with a fresh token. A wrong key fails at
                // attach (opened is false) and is still not retried.
                var retryable = opened && attempt == 1 && failure.Reason == EventHubFailureReason.Unauthorized
                    ? new EventHubException(failure.Reason, isTransient: true, failure.Message)
                    : failure;
                var delay = EventHubRetryPolicy.Delay(retryable, attempt, _options.MaxRetries, Random.Shared.NextDouble());
                if (delay is null)
                {
                    throw;
                }

                LogMessages.PartitionRetry(_logger, partition.PartitionId, failure.Reason, attempt, delay.Value.TotalSeconds, committed ?? -1);
                pipeline.Metrics.Add("eventhub.reconnects", 1, new("source", EventHubConstants.SourceName), new("reason", failure.Reason.ToString()));
                await Task.Delay(delay.Value, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Applies <c>onInvalidCheckpoint</c> to a checkpoint the partition cannot honour; null when the partition is done for this pull.</summary>
    private async Task<Checkpoint?> ResetCheckpointAsync(EventPipeline pipeline, PartitionProperties partition, string problem, PullState state, CancellationToken cancellationToken)
    {
        var action = _options.OnInvalidCheckpoint;
        var text = $"{problem}; eventHub.onInvalidCheckpoint is {action.ToString().ToLowerInvariant()}";
        LogMessages.CheckpointProblem(_logger, partition.PartitionId, text);
        state.Notes[partition.PartitionId] = text;
        pipeline.Metrics.Add("eventhub.checkpoint_resets", 1, new("source", EventHubConstants.SourceName), new("action", action.ToString()));
        if (action == InvalidCheckpointAction.Fail)
        {
            throw new StateStoreException($"state.path: partition {partition.PartitionId}: {problem}. Set eventHub.onInvalidCheckpoint to earliest or latest to go on.");
        }

        var at = action == InvalidCheckpointAction.Latest || partition.IsEmpty
            ? (partition.IsEmpty ? Math.Min(partition.LastEnqueuedSequenceNumber, partition.BeginningSequenceNumber - 1) : partition.LastEnqueuedSequenceNumber)
            : partition.BeginningSequenceNumber - 1;
        var reset = new Checkpoint(_options.StreamKey, partition.PartitionId, at, action == InvalidCheckpointAction.Latest ? partition.LastEnqueuedOffset : string.Empty, _time.GetUtcNow());
        await pipeline.State.CommitAsync(StateCommit.For(reset, []) with { Rewind = true }, cancellationToken).ConfigureAwait(false);
        return at >= partition.LastEnqueuedSequenceNumber ? null : reset;
    }

    private async Task<T> WithRetryAsync<T>(Func<CancellationToken, Task<T>> operation, string what, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await operation(cancellationToken).ConfigureAwait(false);
            }
            catch (EventHubException failure)
            {
                var delay = EventHubRetryPolicy.Delay(failure, attempt, _options.MaxRetries, Random.Shared.NextDouble());
                if (delay is null)
                {
                    throw;
                }

                LogMessages.OperationRetry(_logger, what, failure.Reason, attempt, delay.Value.TotalSeconds);
                await Task.Delay(delay.Value, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static List<KeyValuePair<string, string>> Facts(EventHubProperties hub, PullState state)
    {
        var facts = new List<KeyValuePair<string, string>> { new("partitions", hub.PartitionIds.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        foreach (var id in hub.PartitionIds)
        {
            var tail = state.Partitions.GetValueOrDefault(id, -1);
            var delivered = state.Delivered.TryGetValue(id, out var d) ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-";
            facts.Add(new($"partition {id}", $"delivered to sequence number {delivered}, tail at pull start {tail}"));
            if (state.Notes.TryGetValue(id, out var note))
            {
                facts.Add(new($"partition {id} checkpoint", note));
            }
        }

        return facts;
    }

    private sealed class PullState(long maxEvents)
    {
        private long _remaining = maxEvents;

        public System.Collections.Concurrent.ConcurrentDictionary<string, long> Partitions { get; } = new();

        public System.Collections.Concurrent.ConcurrentDictionary<string, long> Delivered { get; } = new();

        public System.Collections.Concurrent.ConcurrentDictionary<string, string> Notes { get; } = new();

        public long Remaining => Interlocked.Read(ref _remaining);

        public void Take(long count) => Interlocked.Add(ref _remaining, -count);
    }
}
