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

        _stream = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
        TruncateTornTail(_stream);
        _stream.Seek(0, SeekOrigin.End);
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

    /// <summary>
    /// A process killed while writing leaves a last line without its newline. That batch was never
    /// confirmed, so the connector delivers it again: drop the torn line rather than glue the next event to it.
    /// </summary>
    private static void TruncateTornTail(FileStream stream)
    {
        var length = stream.Length;
        if (length == 0)
        {
            return;
        }

        var buffer = new byte[64 * 1024];
        var end = length;
        while (end > 0)
        {
            var start = Math.Max(0, end - buffer.Length);
            stream.Seek(start, SeekOrigin.Begin);
            stream.ReadExactly(buffer, 0, (int)(end - start));
            var last = Array.LastIndexOf(buffer, (byte)'\n', (int)(end - start - 1));
            if (last >= 0)
            {
                stream.SetLength(start + last + 1);
                return;
            }

            end = start;
        }

        stream.SetLength(0);
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}
