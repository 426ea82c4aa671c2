using DefenderConnector.Abstractions;
using DefenderConnector.Checkpoints;
using DefenderConnector.Pulling;
using Microsoft.Extensions.Logging;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// One partition as the pull engine reads it: decides where to start from the stored checkpoint
/// (<see cref="CheckpointCheck"/>, <c>onInvalidCheckpoint</c>, <c>initialPosition</c>), opens a receiver
/// right after the last committed sequence number, hands over messages up to the tail seen at the
/// start of the pull, and classifies failures with <see cref="EventHubRetryDecision"/>.
/// </summary>
internal sealed class EventHubPartitionStream : IStreamReader
{
    private readonly IEventHubTransport _transport;
    private readonly PartitionProperties _partition;
    private readonly EventHubSourceOptions _options;
    private readonly PartitionFacts _facts;
    private readonly TimeProvider _time;
    private readonly IConnectorMetrics _metrics;
    private readonly ILogger _logger;
    private readonly List<SourceMessage> _received;
    private readonly ReadChunk _chunk = new();
    private IPartitionReader? _reader;
    private long? _committed;
    private bool _atTail;
    private int _idle;

    public EventHubPartitionStream(IEventHubTransport transport, PartitionProperties partition, EventHubSourceOptions options, PartitionFacts facts, TimeProvider time, IConnectorMetrics metrics, ILogger logger)
    {
        _transport = transport;
        _partition = partition;
        _options = options;
        _facts = facts;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _received = new List<SourceMessage>(options.BatchMessages);
    }

    public string Name => _partition.PartitionId;

    private long Tail => _partition.LastEnqueuedSequenceNumber;

    public static TimeSpan? RetryDelay(ConnectorException failure, int attempt, int maxRetries) =>
        failure is ConnectorException { IsEventHub: true } eventHub ? EventHubRetryDecision.Delay(eventHub, attempt, maxRetries, Random.Shared.NextDouble()) : null;

    public async Task<StreamStart> StartAsync(IStateStore state, CancellationToken cancellationToken)
    {
        var checkpoint = await state.GetCheckpointAsync(_options.StreamKey, _partition.PartitionId, cancellationToken).ConfigureAwait(false);
        _facts.Tails[_partition.PartitionId] = Tail;

        // The lag at the start: a partition that never moves still shows how many events wait in it.
        var startAt = checkpoint?.SequenceNumber ?? Math.Min(Tail, _partition.BeginningSequenceNumber - 1);
        RecordPosition(startAt, null);
        if (CheckpointCheck.Find(checkpoint?.SequenceNumber, _partition.BeginningSequenceNumber, Tail, _partition.IsEmpty) is { } problem)
        {
            return Reset(problem);
        }

        // Nothing before the start is wanted when the partition was never read and its newest event is
        // older than the start ("latest", or an enqueued time after the tail): remember the tail so the
        // next pull starts after it. An empty partition is remembered too (its tail is -1, or the
        // sequence number before the next event after retention emptied it); otherwise a "latest" start
        // would skip whatever arrives between the first and the second pull.
        if (checkpoint is null
            && (_options.InitialPosition.Kind == StartPositionKind.Latest
                || (_options.InitialPosition.Kind == StartPositionKind.EnqueuedTime && (_partition.IsEmpty || _partition.LastEnqueuedTime < _options.InitialPosition.Time))))
        {
            var before = _partition.IsEmpty ? Math.Min(Tail, _partition.BeginningSequenceNumber - 1) : Tail;
            return new StreamStart(StateCommit.For(new Checkpoint(_options.StreamKey, _partition.PartitionId, before, _partition.LastEnqueuedOffset, _time.GetUtcNow()), []), false);
        }

        if (_partition.IsEmpty || (checkpoint is not null && checkpoint.SequenceNumber >= Tail))
        {
            return StreamStart.Nothing;
        }

        _committed = checkpoint?.SequenceNumber;
        return StreamStart.Reading;
    }

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        // Each open starts right after the last committed position, so nothing is lost or skipped.
        var position = _committed is { } n ? ReadPosition.After(n) : ReadPosition.From(_options.InitialPosition);
        _reader = await _transport.OpenReaderAsync(_partition.PartitionId, position, cancellationToken).ConfigureAwait(false);
        _atTail = false;
        _idle = 0;
    }

    public async Task<ReadChunk?> ReadAsync(long maxItems, CancellationToken cancellationToken)
    {
        _chunk.Clear();
        if (_atTail || (_committed ?? -1) >= Tail || _reader is null)
        {
            return null;
        }

        _received.Clear();
        var want = (int)Math.Min(_options.BatchMessages, maxItems);
        var got = await _reader.ReceiveAsync(_received, want, EventHubConstants.DefaultReceiveWait, cancellationToken).ConfigureAwait(false);
        if (got == 0)
        {
            // The tail was seen at the start of the pull; events can stop arriving only if
            // retention trimmed them. Give up on this partition after a few empty waits.
            if (++_idle >= 3)
            {
                // Nothing is lost (the checkpoint stays at what was delivered), but the summary and the
                // metrics say that this partition stopped short of the tail it had at the start.
                LogMessages.PartitionIdle(_logger, _partition.PartitionId, _committed ?? -1, Tail);
                _facts.Stalled[_partition.PartitionId] = _committed ?? -1;
                _metrics.Add("eventhub.partition_stalls", 1, new("source", EventHubConstants.SourceName), new("partition", _partition.PartitionId));
                return null;
            }

            return _chunk;
        }

        _idle = 0;
        foreach (var message in _received)
        {
            if (message.SequenceNumber > Tail)
            {
                break;
            }

            _chunk.Messages.Add(message);
        }

        _atTail = _received[^1].SequenceNumber >= Tail;
        return _chunk;
    }

    public StateCommit? PositionAfter(int index)
    {
        if (index < 0 || index >= _chunk.Messages.Count)
        {
            return null;
        }

        var message = _chunk.Messages[index];
        return StateCommit.For(new Checkpoint(_options.StreamKey, _partition.PartitionId, message.SequenceNumber, message.Offset, _time.GetUtcNow()), []);
    }

    public void Committed(int index)
    {
        var sequenceNumber = _chunk.Messages[index].SequenceNumber;
        _committed = sequenceNumber;
        _facts.Delivered[_partition.PartitionId] = sequenceNumber;
        RecordPosition(sequenceNumber, _chunk.Messages[index].EnqueuedTime);
    }

    /// <summary>Position, tail and lag of this partition (events; seconds since the last delivered event was enqueued), once per commit.</summary>
    private void RecordPosition(long sequenceNumber, DateTimeOffset? enqueued)
    {
        KeyValuePair<string, string>[] tags = [new("source", EventHubConstants.SourceName), new("partition", _partition.PartitionId)];
        _metrics.Record("eventhub.partition_tail", Tail, tags);
        _metrics.Record("eventhub.partition_position", sequenceNumber, tags);
        _metrics.Record("eventhub.partition_lag", Math.Max(0, Tail - sequenceNumber), tags);
        if (enqueued is { } at)
        {
            _metrics.Record("eventhub.partition_lag_seconds", Math.Max(0, (_time.GetUtcNow() - at).TotalSeconds), tags);
        }
    }

    public async ValueTask CloseAsync()
    {
        if (_reader is { } reader)
        {
            _reader = null;
            await reader.DisposeAsync().ConfigureAwait(false);
        }
    }

    public TimeSpan? RetryDelay(ConnectorException failure, int attempt) => RetryDelay(failure, attempt, _options.MaxRetries);

    public void OnRetry(ConnectorException failure, int attempt, TimeSpan delay)
    {
        var reason = failure.EventHubReason;
        LogMessages.PartitionRetry(_logger, _partition.PartitionId, reason, attempt, delay.TotalSeconds, _committed ?? -1);
        _metrics.Add("eventhub.reconnects", 1, new("source", EventHubConstants.SourceName), new("reason", reason.ToString()));
    }

    public ValueTask DisposeAsync() => CloseAsync();

    /// <summary>Applies <c>onInvalidCheckpoint</c> to a checkpoint the partition cannot honour.</summary>
    private StreamStart Reset(string problem)
    {
        var action = _options.OnInvalidCheckpoint;
        var text = $"{problem}; eventHub.onInvalidCheckpoint is {action.ToString().ToLowerInvariant()}";
        LogMessages.CheckpointProblem(_logger, _partition.PartitionId, text);
        _facts.Notes[_partition.PartitionId] = text;
        _metrics.Add("eventhub.checkpoint_resets", 1, new("source", EventHubConstants.SourceName), new("action", action.ToString()));
        if (action == InvalidCheckpointAction.Fail)
        {
            throw ConnectorException.State($"state.path: partition {_partition.PartitionId}: {problem}. Set eventHub.onInvalidCheckpoint to earliest or latest to go on.");
        }

        var at = action == InvalidCheckpointAction.Latest || _partition.IsEmpty
            ? (_partition.IsEmpty ? Math.Min(Tail, _partition.BeginningSequenceNumber - 1) : Tail)
            : _partition.BeginningSequenceNumber - 1;
        var reset = new Checkpoint(_options.StreamKey, _partition.PartitionId, at, action == InvalidCheckpointAction.Latest ? _partition.LastEnqueuedOffset : string.Empty, _time.GetUtcNow());
        _committed = at;
        return new StreamStart(StateCommit.For(reset, []) with { Rewind = true }, at < Tail && !_partition.IsEmpty);
    }
}
