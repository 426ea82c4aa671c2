using DefenderConnector.Checkpoints;
using DefenderConnector.Pulling;

namespace DefenderConnector.Sources.Storage;

/// <summary>
/// A stream with nothing to read whose start is one cursor to store: how a source moves a mark (such as a
/// container's <see cref="RetirementMark"/>) through the engine, the only place that commits.
/// </summary>
internal sealed class CursorCommit(string key, string value) : IStreamReader
{
    public string Name => key;

    public Task<StreamStart> StartAsync(IStateStore state, CancellationToken cancellationToken) =>
        Task.FromResult(new StreamStart(new StateCommit([], [new(key, value)], []), false));

    public Task OpenAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<ReadChunk?> ReadAsync(long maxItems, CancellationToken cancellationToken) => Task.FromResult<ReadChunk?>(null);

    public StateCommit? PositionAfter(int index) => null;

    public void Committed(int index)
    {
    }

    public ValueTask CloseAsync() => ValueTask.CompletedTask;

    public TimeSpan? RetryDelay(ConnectorException failure, int attempt) => null;

    public void OnRetry(ConnectorException failure, int attempt, TimeSpan delay)
    {
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
