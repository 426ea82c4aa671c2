using DefenderConnector.Abstractions;

namespace DefenderConnector.Host.Operations;

/// <summary>The sink of a read-only session: reading state never delivers, so any write is a defect.</summary>
internal sealed class RefusingSink : IEventSink
{
    public ValueTask WriteAsync(EventBatch batch, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("A read-only state session delivers no events.");
}
