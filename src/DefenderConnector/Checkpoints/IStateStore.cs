namespace DefenderConnector.Checkpoints;

/// <summary>
/// The connector's durable state: partition checkpoints, API cursors (high-watermarks, de-duplication
/// windows) and dead letters. Semantics: <see cref="CommitAsync"/> is atomic and is called only after
/// the sink confirmed the batch it describes; reads see every commit that returned.
/// </summary>
internal interface IStateStore : IAsyncDisposable
{
    ValueTask<Checkpoint?> GetCheckpointAsync(string stream, string partition, CancellationToken cancellationToken);

    ValueTask<string?> GetCursorAsync(string key, CancellationToken cancellationToken);

    ValueTask CommitAsync(StateCommit commit, CancellationToken cancellationToken);

    /// <summary>Dead letters stored so far, per reason.</summary>
    ValueTask<IReadOnlyDictionary<string, long>> CountDeadLettersAsync(CancellationToken cancellationToken);
}
