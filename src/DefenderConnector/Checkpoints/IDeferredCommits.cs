namespace DefenderConnector.Checkpoints;

/// <summary>
/// A state store that may hold delivered positions back to write them less often
/// (<c>checkpointStore.checkpointInterval</c>); the engine flushes them when a pull ends.
/// </summary>
internal interface IDeferredCommits
{
    ValueTask FlushAsync(CancellationToken cancellationToken);
}
