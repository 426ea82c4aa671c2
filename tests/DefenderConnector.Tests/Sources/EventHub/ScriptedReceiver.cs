using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Primitives;

namespace DefenderConnector.Tests.Sources.EventHub;

/// <summary>
/// A partition receiver that returns its batches one per receive, then nothing (the partition's tail), or
/// throws <c>failure</c> when one is given.
/// </summary>
internal sealed class ScriptedReceiver(Exception? failure, params IEnumerable<EventData>[] batches) : PartitionReceiver
{
    private readonly Queue<IEnumerable<EventData>> _batches = new(batches);

    public ScriptedReceiver(params IEnumerable<EventData>[] batches)
        : this(null, batches)
    {
    }

    public bool Disposed { get; private set; }

    /// <summary>Messages <paramref name="from"/> onwards, each with a body of <paramref name="bodyBytes"/> bytes.</summary>
    public static IEnumerable<EventData> Events(long from, int count, int bodyBytes = 2) =>
        [.. Enumerable.Range(0, count).Select(i => EventHubsModelFactory.EventData(new BinaryData(new byte[bodyBytes]), sequenceNumber: from + i, offsetString: (from + i).ToString(System.Globalization.CultureInfo.InvariantCulture), enqueuedTime: DateTimeOffset.UnixEpoch))];

    public override Task<IEnumerable<EventData>> ReceiveBatchAsync(int maximumEventCount, TimeSpan maximumWaitTime, CancellationToken cancellationToken) =>
        _batches.TryDequeue(out var batch) ? Task.FromResult(batch)
        : failure is null ? Task.FromResult<IEnumerable<EventData>>([])
        : Task.FromException<IEnumerable<EventData>>(failure);

    public override ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}
