using System.Text;
using DefenderConnector.Pulling;
using DefenderConnector.Sources.EventHub;

namespace DefenderConnector.Tests.Fakes;

/// <summary>An in-memory event hub behind the transport seam, with scripted failures.</summary>
internal sealed class FakeEventHubTransport : IEventHubTransport
{
    private readonly Dictionary<string, List<SourceMessage>> _partitions;
    private readonly Queue<(string Partition, int AfterMessages, ConnectorException Failure)> _failures = new();
    private readonly Dictionary<string, int> _stalls = [];
    private readonly DateTimeOffset _start = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    public FakeEventHubTransport(int partitions) =>
        _partitions = Enumerable.Range(0, partitions).ToDictionary(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture), _ => new List<SourceMessage>());

    public int ReadersOpened { get; private set; }

    public long Publish(string partition, string body, DateTimeOffset? enqueued = null)
    {
        lock (_partitions)
        {
            var list = _partitions[partition];
            var sequence = list.Count;
            list.Add(new SourceMessage(Encoding.UTF8.GetBytes(body), partition, sequence, (sequence * 1000).ToString(System.Globalization.CultureInfo.InvariantCulture), enqueued ?? _start.AddSeconds(sequence)));
            return sequence;
        }
    }

    /// <summary>The next reader opened on <paramref name="partition"/> fails after delivering <paramref name="afterMessages"/> messages.</summary>
    public void FailReader(string partition, int afterMessages, ConnectorException failure) => _failures.Enqueue((partition, afterMessages, failure));

    /// <summary>Readers of <paramref name="partition"/> go quiet (receive nothing) once they delivered <paramref name="afterMessages"/> messages.</summary>
    public void StallReaders(string partition, int afterMessages) => _stalls[partition] = afterMessages;

    public Task<EventHubProperties> GetHubPropertiesAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new EventHubProperties("hub", _start, _partitions.Keys.ToArray()));

    public Task<PartitionProperties> GetPartitionPropertiesAsync(string partitionId, CancellationToken cancellationToken)
    {
        lock (_partitions)
        {
            var list = _partitions[partitionId];
            var last = list.Count == 0 ? (SourceMessage?)null : list[^1];
            return Task.FromResult(new PartitionProperties("hub", partitionId, 0, last?.SequenceNumber ?? -1, last?.Offset ?? "-1", last?.EnqueuedTime ?? _start, list.Count == 0));
        }
    }

    public Task<IPartitionReader> OpenReaderAsync(string partitionId, ReadPosition position, CancellationToken cancellationToken)
    {
        ReadersOpened++;
        int failAfter = -1;
        ConnectorException? failure = null;
        if (_failures.TryPeek(out var next) && next.Partition == partitionId)
        {
            _failures.Dequeue();
            (failAfter, failure) = (next.AfterMessages, next.Failure);
        }

        List<SourceMessage> snapshot;
        lock (_partitions)
        {
            snapshot = _partitions[partitionId].ToList();
        }

        var start = position.AfterSequenceNumber is { } after
            ? (int)(after + 1)
            : position.Start.Kind switch
            {
                StartPositionKind.Earliest => 0,
                StartPositionKind.Latest => snapshot.Count,
                _ => snapshot.FindIndex(m => m.EnqueuedTime >= position.Start.Time) is var i and >= 0 ? i : snapshot.Count,
            };
        var end = _stalls.TryGetValue(partitionId, out var stall) ? Math.Min(snapshot.Count, stall) : snapshot.Count;
        return Task.FromResult<IPartitionReader>(new Reader(partitionId, snapshot, start, end, failAfter, failure));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class Reader(string partitionId, List<SourceMessage> messages, int next, int end, int failAfter, ConnectorException? failure) : IPartitionReader
    {
        private int _delivered;

        public string PartitionId => partitionId;

        public Task<int> ReceiveAsync(List<SourceMessage> into, int maxCount, TimeSpan maxWait, CancellationToken cancellationToken)
        {
            var count = 0;
            while (count < maxCount && next < end)
            {
                if (failure is not null && _delivered == failAfter)
                {
                    if (count > 0)
                    {
                        break;
                    }

                    throw failure;
                }

                into.Add(messages[next++]);
                _delivered++;
                count++;
            }

            return Task.FromResult(count);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
