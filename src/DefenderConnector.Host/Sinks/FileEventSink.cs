using System.Buffers;
using System.Runtime.InteropServices;
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
/// Only the newest bytes of the file (the cache window, 64 MiB unless <c>output.pageCacheMb</c> says otherwise) stay
/// in the operating system's page cache (Linux): the bytes before them are on disk already and are dropped from the cache after each flush, so a
/// reader tailing the file reads from memory while a connector writing gigabytes a day neither pushes the
/// collector's own working set out of memory nor pays the kernel for fresh cache pages on every write.
/// </summary>
internal sealed class FileEventSink : IEventSink, IAsyncDisposable
{
    /// <summary>The newest bytes of the file left in the page cache after a flush: a tailing reader keeps up within them.</summary>
    public const long DefaultCacheWindowBytes = 64L << 20;

    private const int ChunkBytes = 1 << 20;
    private const int DontNeed = 4; // POSIX_FADV_DONTNEED on Linux
    private readonly long _cacheWindow;
    private readonly SafeFileHandle _file;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ArrayBufferWriter<byte> _chunk = new(ChunkBytes + (64 * 1024));
    private long _confirmed;
    private bool _dirty;
    private long _events;
    private long _uncachedUpTo;

    /// <param name="cacheWindowBytes">The newest confirmed bytes left in the page cache; older ones are dropped from it after each flush.</param>
    public FileEventSink(string path, long cacheWindowBytes = DefaultCacheWindowBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cacheWindowBytes);
        _cacheWindow = cacheWindowBytes;
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
            ReleaseCache();
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

    /// <summary>Drops the flushed bytes before the cache window from the page cache; advice only, so a refusal changes nothing.</summary>
    private void ReleaseCache()
    {
        var upTo = _confirmed - _cacheWindow;
        if (!OperatingSystem.IsLinux() || upTo <= _uncachedUpTo)
        {
            return;
        }

        _ = FileAdvise((int)_file.DangerousGetHandle(), _uncachedUpTo, upTo - _uncachedUpTo, DontNeed);
        _uncachedUpTo = upTo;
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

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in the whole host for this one call.
    [DllImport("libc", EntryPoint = "posix_fadvise")]
    private static extern int FileAdvise(int descriptor, long offset, long length, int advice);
#pragma warning restore SYSLIB1054
}
