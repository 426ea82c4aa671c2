using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using DefenderConnector.Abstractions;
using DefenderConnector.Checkpoints;
using DefenderConnector.Mapping;
using DefenderConnector.Pulling;

namespace DefenderConnector.Sources.Storage;

/// <summary>
/// One export blob as the pull engine reads it. Its checkpoint is the count of bytes already delivered
/// (always the end of a whole line); a pull reads on from there with range requests up to the length the
/// listing saw, hands over whole lines only (a line the writer has not finished waits for the next pull),
/// and never asks for a delivered byte again. Each line is one record: its id comes from the account,
/// container, blob and the line's byte offset, so a line read again after a crash has the same id.
/// </summary>
internal sealed class ExportBlobStream : IStreamReader
{
    private readonly BlobContainerClient _container;
    private readonly ExportBlob _blob;
    private readonly StorageSourceOptions _options;
    private readonly StorageFacts _facts;
    private readonly TimeProvider _time;
    private readonly IConnectorMetrics _metrics;
    private readonly string _key;
    private readonly ReadChunk _chunk = new();
    private readonly List<long> _ends = [];
    private byte[] _buffer;
    private long _bufferOffset;
    private int _filled;
    private int _scan;
    private long _chunkEnd;
    private long _committed;

    private readonly bool _finished;

    /// <param name="finished">The blob's hour ended <c>retireAfter</c> ago: bytes after its last line break are its last line, not one still being written.</param>
    public ExportBlobStream(BlobContainerClient container, ExportBlob blob, StorageSourceOptions options, StorageFacts facts, TimeProvider time, IConnectorMetrics metrics, bool finished = false)
    {
        _finished = finished;
        _container = container;
        _blob = blob;
        _options = options;
        _facts = facts;
        _time = time;
        _metrics = metrics;
        _key = options.StreamKey(blob.Container);
        _buffer = new byte[(int)Math.Min(options.ReadBytes, Math.Max(blob.Length, 4096))];
    }

    public string Name => _blob.Name;

    /// <summary>Bytes of the blob delivered so far (after this pull's commits).</summary>
    public long Delivered => _committed;

    public async Task<StreamStart> StartAsync(IStateStore state, CancellationToken cancellationToken)
    {
        var checkpoint = await state.GetCheckpointAsync(_key, _blob.Name, cancellationToken).ConfigureAwait(false);
        _committed = checkpoint?.SequenceNumber ?? 0;
        if (_blob.Length < _committed)
        {
            // An append blob only grows: a shorter one was deleted and written again. Its lines are new; read it all.
            _facts.Note(_blob, $"is {_blob.Length} bytes, shorter than the {_committed} already delivered: it was replaced, so it is read again from the start");
            _metrics.Add("storage.blob_resets", 1, new KeyValuePair<string, string>("source", StorageConstants.SourceName));
            _committed = 0;
            return new StreamStart(StateCommit.For(Position(0), []) with { Rewind = true }, _blob.Length > 0);
        }

        return _committed < _blob.Length ? StreamStart.Reading : StreamStart.Nothing;
    }

    public Task OpenAsync(CancellationToken cancellationToken)
    {
        // Every open starts right after the last committed line: what was read and not committed is read again.
        _bufferOffset = _committed;
        _filled = 0;
        _scan = 0;
        return Task.CompletedTask;
    }

    public async Task<ReadChunk?> ReadAsync(long maxItems, CancellationToken cancellationToken)
    {
        _chunk.Clear();
        _ends.Clear();
        var limit = (int)Math.Clamp(maxItems, 1, StorageConstants.ChunkLines);
        var consumedBlank = false;
        while (true)
        {
            consumedBlank |= TakeLines(limit);
            if (_chunk.Count > 0 || consumedBlank)
            {
                _chunkEnd = _bufferOffset + _scan;
                return _chunk;
            }

            var available = _bufferOffset + _filled;
            if (available >= _blob.Length)
            {
                if (_filled > _scan && _finished && limit > 0)
                {
                    // A finished blob whose writer left out the last line break: its last line is whole.
                    var start = _scan;
                    _scan = _filled;
                    if (!_buffer.AsSpan(start, _filled - start).Trim(" \t\r"u8).IsEmpty)
                    {
                        AddLine(_buffer.AsMemory(start, _filled - start).TrimEnd((byte)'\r'), _bufferOffset + start);
                        _ends.Add(_bufferOffset + _scan);
                    }

                    _chunkEnd = _bufferOffset + _scan;
                    return _chunk;
                }

                if (_filled > _scan)
                {
                    // The writer is in the middle of a line: it is delivered whole by a later pull.
                    _facts.AddPartial(_filled - _scan);
                }

                return null;
            }

            await FillAsync(available, cancellationToken).ConfigureAwait(false);
        }
    }

    public StateCommit? PositionAfter(int index)
    {
        var end = index < 0 ? (_chunk.Count == 0 ? _chunkEnd : -1) : index == _chunk.Count - 1 ? _chunkEnd : _ends[index];
        return end > _committed ? StateCommit.For(Position(end), []) : null;
    }

    public void Committed(int index)
    {
        _committed = index < 0 || index == _chunk.Count - 1 ? _chunkEnd : _ends[index];
        _facts.AddDelivered(_blob, _committed);
    }

    public ValueTask CloseAsync() => ValueTask.CompletedTask;

    public TimeSpan? RetryDelay(ConnectorException failure, int attempt) =>
        StorageRetryDecision.Delay(failure, attempt, _options.MaxRetries, Random.Shared.NextDouble());

    public void OnRetry(ConnectorException failure, int attempt, TimeSpan delay) =>
        _metrics.Add("storage.retries", 1, new("source", StorageConstants.SourceName), new("reason", failure.Code));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Checkpoint Position(long bytes) => new(_key, _blob.Name, bytes, string.Empty, _time.GetUtcNow());

    /// <summary>Moves whole lines from the buffer into the chunk; true when it consumed blank lines only.</summary>
    private bool TakeLines(int limit)
    {
        var blank = false;
        while (_chunk.Count < limit)
        {
            var rest = _buffer.AsSpan(_scan, _filled - _scan);
            var newline = rest.IndexOf((byte)'\n');
            if (newline < 0)
            {
                break;
            }

            var start = _scan;
            var length = newline > 0 && rest[newline - 1] == (byte)'\r' ? newline - 1 : newline;
            _scan += newline + 1;
            var line = _buffer.AsMemory(start, length);
            if (line.Span.Trim(" \t"u8).IsEmpty)
            {
                blank = true;
                continue;
            }

            AddLine(line, _bufferOffset + start);
            _ends.Add(_bufferOffset + _scan);
        }

        return blank && _chunk.Count == 0;
    }

    private void AddLine(ReadOnlyMemory<byte> raw, long offset)
    {
        var uid = EventUid.ForStorageRecord(_options.AccountName, _blob.Container, _blob.Name, offset);
        var line = ExportLine.Repaired(raw, out var repaired);
        if (repaired)
        {
            _metrics.Add("connector.bodies_repaired", 1, new KeyValuePair<string, string>("source", StorageConstants.SourceName));
        }

        var origin = new RecordOrigin(RecordKind.StreamingRecord, uid, null);
        _chunk.Objects.Add(ExportLine.Problem(line.Span) is { } problem
            ? new ReadObject(raw, origin, problem.Reason, problem.Detail, offset)
            : new ReadObject(line, origin, Sequence: offset));
    }

    /// <summary>Reads the next range after what the buffer holds, keeping the unfinished line at its front.</summary>
    private async Task FillAsync(long available, CancellationToken cancellationToken)
    {
        if (_scan > 0)
        {
            _buffer.AsSpan(_scan, _filled - _scan).CopyTo(_buffer);
            _bufferOffset += _scan;
            _filled -= _scan;
            _scan = 0;
        }

        if (_filled == _buffer.Length)
        {
            // One line longer than the buffer: grow it, the line is kept whole.
            Array.Resize(ref _buffer, checked(_buffer.Length * 2));
        }

        var want = (int)Math.Min(_buffer.Length - _filled, _blob.Length - available);
        try
        {
            var blob = _container.GetBlobClient(_blob.Name);
            var response = await blob.DownloadStreamingAsync(new BlobDownloadOptions { Range = new HttpRange(available, want) }, cancellationToken).ConfigureAwait(false);
            using var download = response.Value;
            var stream = download.Content;
            await using (stream.ConfigureAwait(false))
            {
                var got = 0;
                while (got < want)
                {
                    var n = await stream.ReadAsync(_buffer.AsMemory(_filled + got, want - got), cancellationToken).ConfigureAwait(false);
                    if (n == 0)
                    {
                        break;
                    }

                    got += n;
                }

                if (got < want)
                {
                    throw new IOException($"the range read ended after {got} of {want} bytes");
                }

                _filled += got;
                _facts.AddBytesRead(got);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw StorageFailureClassifier.Classify(e, $"read {_blob.Container}/{_blob.Name} from byte {available}");
        }
    }
}
