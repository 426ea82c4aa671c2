namespace DefenderConnector.Pulling;

/// <summary>The host's sink refused or failed a batch; nothing of that batch was checkpointed.</summary>
internal sealed class SinkWriteException(Exception inner)
    : Exception($"The sink did not store the batch ({inner.GetType().Name}: {inner.Message}); its position was not committed and it will be read again.", inner);
