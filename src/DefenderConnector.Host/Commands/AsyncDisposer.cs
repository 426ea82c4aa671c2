namespace DefenderConnector.Host.Commands;

/// <summary>Disposes an optional resource at the end of a using block.</summary>
internal sealed class AsyncDisposer(IAsyncDisposable? resource) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => resource?.DisposeAsync() ?? ValueTask.CompletedTask;
}
