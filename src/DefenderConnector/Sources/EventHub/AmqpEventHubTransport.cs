using Microsoft.Extensions.Logging;

namespace DefenderConnector.Sources.EventHub;

// Placeholder so the solution builds while the AMQP consumer is written; replaced in full.
internal sealed class AmqpEventHubTransport : IEventHubTransport
{
    public AmqpEventHubTransport(EventHubSourceOptions options, TimeProvider time, ILoggerFactory loggerFactory)
    {
        _ = options;
        _ = time;
        _ = loggerFactory;
    }

    public Task<EventHubProperties> GetHubPropertiesAsync(CancellationToken cancellationToken) => throw Unavailable();

    public Task<PartitionProperties> GetPartitionPropertiesAsync(string partitionId, CancellationToken cancellationToken) => throw Unavailable();

    public Task<IPartitionReader> OpenReaderAsync(string partitionId, ReadPosition position, CancellationToken cancellationToken) => throw Unavailable();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static EventHubException Unavailable() => new(EventHubFailureReason.Unknown, false, "The AMQP transport is not built yet.");
}
