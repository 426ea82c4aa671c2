using System.Buffers;
using DefenderConnector.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace DefenderConnector.Host.Sinks;

/// <summary>
/// The reference host's sink: appends each event as one line to a file and flushes it to disk before
/// returning, so a batch the connector checkpoints is on disk. Concurrent batches are serialized.
/// The file is written at explicit offsets through an unbuffered handle, and its confirmed length is
/// kept: a write that fails (a full disk, an I/O error) leaves nothing behind, because the next write
/// (or closing the sink) first truncates the file back to the last confirmed byte. A partial line can
/// never be followed by data.
/// </summary>
internal sealed class FileEventSink : IEventSink, IAsyncDisposable
{
    private const int ChunkBytes = 1 << 20;
    private readonly SafeFileHandle _file;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ArrayBufferWriter<byte> _chunk = new(ChunkBytes + (64 * 1024));
    private long _confirmed;
    private bool _dirty;
    private long _events;

    public FileEventSink(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _file = File.OpenHandle(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        _confirmed = TornTailStart(_file);
        if (_confirmed != RandomAccess.GetLength(_file))
        {
            RandomAccess.SetLength(_file, _confirmed);
        }
    }

    public string Path { get; }

    public long EventsWritten => Interlocked.Read(ref _events);

    public async ValueTask WriteAsync(EventBatch batch, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            RollBackUnconfirmed();
            _dirty = true;
            var offset = _confirmed;
            foreach (var item in batch.Events)
            {
                _chunk.Write(item.Span);
                _chunk.Write("\n"u8);
                if (_chunk.WrittenCount >= ChunkBytes)
                {
                    offset = await WriteChunkAsync(offset).ConfigureAwait(false);
                }
            }

            offset = await WriteChunkAsync(offset).ConfigureAwait(false);
            RandomAccess.FlushToDisk(_file);
            _confirmed = offset;
            _dirty = false;
            Interlocked.Add(ref _events, batch.Events.Count);
        }
        finally
        {
            _chunk.ResetWrittenCount();
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            RollBackUnconfirmed();
        }
        catch (IOException)
        {
            // The disk still refuses; the torn tail is dropped when the file is next opened.
        }
        finally
        {
            _file.Dispose();
            _gate.Release();
            _gate.Dispose();
        }
    }

    private async ValueTask<long> WriteChunkAsync(long offset)
    {
        if (_chunk.WrittenCount == 0)
        {
            return offset;
        }

        await RandomAccess.WriteAsync(_file, _chunk.WrittenMemory, offset, CancellationToken.None).ConfigureAwait(false);
        offset += _chunk.WrittenCount;
        _chunk.ResetWrittenCount();
        return offset;
    }

    /// <summary>After a failed write, cuts the file back to the last confirmed byte (throws while the disk still refuses).</summary>
    private void RollBackUnconfirmed()
    {
        if (_dirty)
        {
            RandomAccess.SetLength(_file, _confirmed);
            RandomAccess.FlushToDisk(_file);
            _dirty = false;
        }
    }

    /// <summary>
    /// A process killed while writing leaves a last line without its newline. That batch was never
    /// confirmed, so the connector delivers it again: the torn line is dropped rather than glued to the next event.
    /// </summary>
    private static long TornTailStart(SafeFileHandle file)
    {
        var length = RandomAccess.GetLength(file);
        var buffer = new byte[64 * 1024];
        var end = length;
        while (end > 0)
        {
            var start = Math.Max(0, end - buffer.Length);
            var read = RandomAccess.Read(file, buffer.AsSpan(0, (int)(end - start)), start);
            var last = buffer.AsSpan(0, read).LastIndexOf((byte)'\n');
            if (last >= 0)
            {
                return start + last + 1;
            }

            end = start;
        }

        return 0;
    }
}
