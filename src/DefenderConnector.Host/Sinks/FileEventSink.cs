using DefenderConnector.Abstractions;

namespace DefenderConnector.Host.Sinks;

/// <summary>
/// The reference host's sink: appends each event as one line to a file and flushes it to disk before
/// returning, so a batch the connector checkpoints is on disk. Concurrent batches are serialized.
/// </summary>
internal sealed class FileEventSink : IEventSink, IAsyncDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly FileStream _stream;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _events;

    public FileEventSink(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
    }

    public string Path { get; }

    public long EventsWritten => Interlocked.Read(ref _events);

    public async ValueTask WriteAsync(EventBatch batch, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var item in batch.Events)
            {
                await _stream.WriteAsync(item, CancellationToken.None).ConfigureAwait(false);
                await _stream.WriteAsync(NewLine, CancellationToken.None).ConfigureAwait(false);
            }

            await _stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            _stream.Flush(flushToDisk: true);
            Interlocked.Add(ref _events, batch.Events.Count);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}
