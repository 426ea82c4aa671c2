using DefenderConnector.Pulling;
namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// What the pull loop needs from Event Hubs. The implementation is <see cref="SdkEventHubTransport"/> (Microsoft's SDK);
/// tests may supply their own. Every method throws <see cref="ConnectorException"/> on failure.
/// </summary>
internal interface IEventHubTransport : IAsyncDisposable
{
    Task<EventHubProperties> GetHubPropertiesAsync(CancellationToken cancellationToken);

    Task<PartitionProperties> GetPartitionPropertiesAsync(string partitionId, CancellationToken cancellationToken);

    Task<IPartitionReader> OpenReaderAsync(string partitionId, ReadPosition position, CancellationToken cancellationToken);
}

/// <summary>A receiver on one partition.</summary>
internal interface IPartitionReader : IAsyncDisposable
{
    string PartitionId { get; }

    /// <summary>
    /// Adds up to <paramref name="maxCount"/> messages to <paramref name="into"/>, waiting at most
    /// <paramref name="maxWait"/> for the first; returns how many were added (0 when none arrived in time).
    /// </summary>
    Task<int> ReceiveAsync(List<Pulling.SourceMessage> into, int maxCount, TimeSpan maxWait, CancellationToken cancellationToken);
}

/// <summary>Hub properties from <c>$management</c>.</summary>
internal sealed record EventHubProperties(string Name, DateTimeOffset CreatedAt, IReadOnlyList<string> PartitionIds);

/// <summary>Partition properties from <c>$management</c>.</summary>
internal sealed record PartitionProperties(
    string HubName,
    string PartitionId,
    long BeginningSequenceNumber,
    long LastEnqueuedSequenceNumber,
    string LastEnqueuedOffset,
    DateTimeOffset LastEnqueuedTime,
    bool IsEmpty);

/// <summary>
/// Where a receiver starts: strictly after a sequence number (a checkpoint), or at a
/// <see cref="StartPosition"/> for a partition never read.
/// </summary>
internal readonly record struct ReadPosition(long? AfterSequenceNumber, StartPosition Start)
{
    public static ReadPosition After(long sequenceNumber) => new(sequenceNumber, default);

    public static ReadPosition From(StartPosition start) => new(null, start);

    public override string ToString() => AfterSequenceNumber is { } n ? $"after sequence number {n}" : Start.ToString();
}
