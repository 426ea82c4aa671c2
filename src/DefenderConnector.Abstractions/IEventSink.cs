namespace DefenderConnector.Abstractions;

/// <summary>Where the connector delivers events. Supplied by the host.</summary>
public interface IEventSink
{
    /// <summary>
    /// Stores a batch. Returns only when the batch is durable; the connector then commits the
    /// source position. Throwing means the batch was not stored and will be read again.
    /// May be called concurrently for different partitions.
    /// </summary>
    ValueTask WriteAsync(EventBatch batch, CancellationToken cancellationToken);
}
