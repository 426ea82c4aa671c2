namespace DefenderConnector.Pulling;

/// <summary>
/// The host's sink threw while storing a batch. Nothing of the batch was committed, so the next pull
/// reads it again; the pull itself ends as failed with this message instead of throwing to the host.
/// </summary>
internal sealed class SinkWriteException : Exception
{
    public SinkWriteException(int events, Exception inner)
        : base($"The sink did not store a batch of {events} events ({inner.GetType().Name}: {inner.Message}); nothing was checkpointed, so the next pull delivers them again.", inner)
    {
    }
}
