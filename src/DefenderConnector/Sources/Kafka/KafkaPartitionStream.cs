using System.Globalization;
using Confluent.Kafka;
using DefenderConnector.Checkpoints;
using DefenderConnector.Pulling;
using DefenderConnector.Sources.EventHub;

namespace DefenderConnector.Sources.Kafka;

/// <summary>
/// One partition of the hub's Kafka topic as the pull engine reads it: starts at the consumer group's
/// committed offset, reads up to the high watermark seen at the start of the pull, and commits the
/// group's offset on the service only when the engine says the sink confirmed a batch
/// (<see cref="Committed"/>). The state store holds nothing for it: Event Hubs stores Kafka offsets.
/// </summary>
internal sealed class KafkaPartitionStream : IStreamReader
{
    private static readonly TimeSpan ConsumeWait = TimeSpan.FromSeconds(1);
    private readonly IConsumer<Ignore, byte[]> _consumer;
    private readonly TopicPartition _partition;
    private readonly EventHubSourceOptions _options;
    private readonly KafkaPullFacts _facts;
    private readonly ReadChunk _chunk = new();
    private long _next;
    private long _end;
    private int _idle;

    public KafkaPartitionStream(IConsumer<Ignore, byte[]> consumer, TopicPartition partition, EventHubSourceOptions options, KafkaPullFacts facts)
    {
        _consumer = consumer;
        _partition = partition;
        _options = options;
        _facts = facts;
    }

    public string Name => _partition.Partition.Value.ToString(CultureInfo.InvariantCulture);

    public Task<StreamStart> StartAsync(IStateStore state, CancellationToken cancellationToken)
    {
        var timeout = _options.OperationTimeout;
        var marks = KafkaErrors.Run(() => _consumer.QueryWatermarkOffsets(_partition, timeout), "read the partition's watermarks");
        var committed = KafkaErrors.Run(() => _consumer.Committed([_partition], timeout), "read the group's committed offset")[0].Offset;
        _end = marks.High.Value;
        var low = marks.Low.Value;
        _next = committed.IsSpecial
            ? (_options.InitialPosition.Kind == StartPositionKind.Latest ? _end : low)
            : Math.Max(committed.Value, low);
        _facts.Record(Name, _next, _end);
        return Task.FromResult(_next < _end ? StreamStart.Reading : StreamStart.Nothing);
    }

    public Task OpenAsync(CancellationToken cancellationToken)
    {
        // Only this partition is assigned while it is read, from right after what was committed.
        KafkaErrors.Run(() => _consumer.Assign(new TopicPartitionOffset(_partition, new Offset(_next))), "assign the partition");
        _idle = 0;
        return Task.CompletedTask;
    }

    public Task<ReadChunk?> ReadAsync(long maxItems, CancellationToken cancellationToken)
    {
        _chunk.Clear();
        if (_next >= _end)
        {
            return Task.FromResult<ReadChunk?>(null);
        }

        var want = (int)Math.Min(_options.BatchMessages, maxItems);
        var position = _next;
        while (_chunk.Messages.Count < want && position < _end)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = KafkaErrors.Run(() => _consumer.Consume(ConsumeWait), "read the partition");
            if (result is null)
            {
                break;
            }

            if (result.IsPartitionEOF || result.Offset.Value >= _end)
            {
                break;
            }

            position = result.Offset.Value + 1;
            var time = result.Message.Timestamp.UtcDateTime;
            _chunk.Messages.Add(new SourceMessage(result.Message.Value ?? [], Name, result.Offset.Value, result.Offset.Value.ToString(CultureInfo.InvariantCulture), new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc))));
        }

        if (_chunk.Messages.Count == 0)
        {
            // The end was seen at the start of the pull; records stop arriving only when retention
            // removed them. Nothing is lost: the group's offset stays at what was delivered.
            if (++_idle >= 3)
            {
                _facts.Stalled[Name] = _next;
                return Task.FromResult<ReadChunk?>(null);
            }
        }
        else
        {
            _idle = 0;
        }

        return Task.FromResult<ReadChunk?>(_chunk);
    }

    /// <summary>Nothing goes to the state store (only the batch's dead letters); the offset is committed to the group in <see cref="Committed"/>.</summary>
    public StateCommit? PositionAfter(int index) =>
        index < 0 || index >= _chunk.Messages.Count ? null : new StateCommit([], [], []);

    public void Committed(int index)
    {
        var next = _chunk.Messages[index].SequenceNumber + 1;
        KafkaErrors.Run(() => _consumer.Commit([new TopicPartitionOffset(_partition, new Offset(next))]), "commit the group's offset");
        _next = next;
        _facts.Record(Name, _next, _end);
    }

    public ValueTask CloseAsync()
    {
        KafkaErrors.Run(() => _consumer.Unassign(), "release the partition");
        return ValueTask.CompletedTask;
    }

    public TimeSpan? RetryDelay(ConnectorException failure, int attempt) => EventHubPartitionStream.RetryDelay(failure, attempt, _options.MaxRetries);

    public void OnRetry(ConnectorException failure, int attempt, TimeSpan delay) => _facts.Retries++;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
