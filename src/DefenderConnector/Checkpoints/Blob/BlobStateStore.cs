using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace DefenderConnector.Checkpoints.Blob;

/// <summary>
/// State shared by every instance through one Azure Storage container. A checkpoint is an empty blob
/// whose metadata holds <c>sequencenumber</c> and <c>offset</c>, written as every Azure SDK does:
/// metadata set unconditionally, an upload when the blob does not exist yet. Cursors and dead letters
/// are the connector's own blobs (<see cref="BlobNames"/>). With <c>checkpointInterval</c> a partition's
/// checkpoint is written at most that often; the newest delivered position is held until then and
/// written when the pull ends (<see cref="FlushAsync"/>), so a crash replays at most that interval.
/// </summary>
internal sealed partial class BlobStateStore : IStateStore, IDeferredCommits
{
    private readonly BlobContainerClient _container;
    private readonly TimeSpan _checkpointInterval;
    private readonly TimeProvider _time;
    private readonly Lock _sync = new();
    private readonly Dictionary<(string Stream, string Partition), DateTimeOffset> _written = [];
    private readonly Dictionary<(string Stream, string Partition), Checkpoint> _held = [];

    public BlobStateStore(BlobContainerClient container, TimeSpan checkpointInterval, TimeProvider time)
    {
        _container = container;
        _checkpointInterval = checkpointInterval;
        _time = time;
    }

    public async ValueTask<Checkpoint?> GetCheckpointAsync(string stream, string partition, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await _container.GetBlobClient(BlobNames.Checkpoint(stream, partition)).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var metadata = properties.Value.Metadata;
            if (!metadata.TryGetValue(BlobNames.SequenceNumberKey, out var text) || !long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var sequenceNumber))
            {
                // A checkpoint with an offset only (written by an old processor): the connector resumes by sequence number, so it cannot use it.
                return null;
            }

            metadata.TryGetValue(BlobNames.OffsetKey, out var offset);
            return new Checkpoint(stream, partition, sequenceNumber, offset ?? string.Empty, properties.Value.LastModified);
        }
        catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode == BlobErrorCode.BlobNotFound)
        {
            return null;
        }
        catch (Exception e) when (BlobFailures.IsStorageFailure(e))
        {
            throw BlobFailures.Explain($"reading the checkpoint of partition {partition}", _container.Name, e);
        }
    }

    public async ValueTask<string?> GetCursorAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var content = await _container.GetBlobClient(BlobNames.Cursor(key)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToString();
        }
        catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode == BlobErrorCode.BlobNotFound)
        {
            return null;
        }
        catch (Exception e) when (BlobFailures.IsStorageFailure(e))
        {
            throw BlobFailures.Explain($"reading cursor {key}", _container.Name, e);
        }
    }

    public async ValueTask CommitAsync(StateCommit commit, CancellationToken cancellationToken)
    {
        // Dead letters first: a checkpoint past a message must never be stored without its dead letter.
        foreach (var letter in commit.DeadLetters)
        {
            await WriteDeadLetterAsync(letter, cancellationToken).ConfigureAwait(false);
        }

        foreach (var (key, value) in commit.Cursors)
        {
            await RunAsync($"writing cursor {key}", () => _container.GetBlobClient(BlobNames.Cursor(key)).UploadAsync(BinaryData.FromString(value), overwrite: true, cancellationToken)).ConfigureAwait(false);
        }

        foreach (var checkpoint in commit.Checkpoints)
        {
            if (!commit.Rewind && Hold(checkpoint))
            {
                continue;
            }

            await WriteCheckpointAsync(checkpoint, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the positions held back by <c>checkpointInterval</c>.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        Checkpoint[] held;
        lock (_sync)
        {
            held = [.. _held.Values];
            _held.Clear();
        }

        foreach (var checkpoint in held)
        {
            await WriteCheckpointAsync(checkpoint, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<IReadOnlyDictionary<string, long>> CountDeadLettersAsync(CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            await foreach (var blob in _container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, BlobNames.DeadLetterPrefix, cancellationToken).ConfigureAwait(false))
            {
                var reason = blob.Metadata.TryGetValue(BlobNames.ReasonKey, out var r) ? r : "Unknown";
                counts[reason] = counts.GetValueOrDefault(reason) + 1;
            }
        }
        catch (Exception e) when (BlobFailures.IsStorageFailure(e))
        {
            throw BlobFailures.Explain("counting dead letters", _container.Name, e);
        }

        return counts;
    }

    /// <summary>Stores one pull's summary (JSON) as shared history.</summary>
    public Task WriteHistoryAsync(string name, BinaryData summary, CancellationToken cancellationToken) =>
        RunAsync("writing the pull history", () => _container.GetBlobClient(name).UploadAsync(summary, overwrite: true, cancellationToken));

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await FlushAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (Failures.IsRecoverable(e) || e is OperationCanceledException)
        {
            // The positions were delivered; at worst they are delivered once more after a restart.
        }
    }

    /// <summary>True when the checkpoint is held back: one of this partition was written less than the interval ago.</summary>
    private bool Hold(Checkpoint checkpoint)
    {
        if (_checkpointInterval <= TimeSpan.Zero)
        {
            return false;
        }

        var key = (checkpoint.Stream, checkpoint.Partition);
        lock (_sync)
        {
            if (_written.TryGetValue(key, out var at) && _time.GetUtcNow() - at < _checkpointInterval)
            {
                _held[key] = checkpoint;
                return true;
            }

            _held.Remove(key);
            return false;
        }
    }

    private async Task WriteCheckpointAsync(Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(BlobNames.Checkpoint(checkpoint.Stream, checkpoint.Partition));
        var metadata = new Dictionary<string, string>
        {
            [BlobNames.OffsetKey] = checkpoint.Offset,
            [BlobNames.SequenceNumberKey] = checkpoint.SequenceNumber.ToString(CultureInfo.InvariantCulture),
        };
        await RunAsync($"writing the checkpoint of partition {checkpoint.Partition}", async () =>
        {
            try
            {
                await blob.SetMetadataAsync(metadata, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode == BlobErrorCode.BlobNotFound)
            {
                using var empty = new MemoryStream([]);
                await blob.UploadAsync(empty, new BlobUploadOptions { Metadata = metadata }, cancellationToken).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
        lock (_sync)
        {
            _written[(checkpoint.Stream, checkpoint.Partition)] = _time.GetUtcNow();
        }
    }

    private Task WriteDeadLetterAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        var document = JsonSerializer.SerializeToUtf8Bytes(new DeadLetterDocument(
            letter.Source, letter.Stream, letter.Partition, letter.SequenceNumber, letter.Offset, letter.RecordIndex, letter.Reason, letter.Detail, letter.Raw.ToArray(), letter.At),
            DeadLetterDocumentContext.Default.DeadLetterDocument);
        var blob = _container.GetBlobClient(BlobNames.DeadLetter(letter, Guid.NewGuid().ToString("N")));
        return RunAsync("writing a dead letter", () => blob.UploadAsync(new BinaryData(document), new BlobUploadOptions { Metadata = new Dictionary<string, string> { [BlobNames.ReasonKey] = letter.Reason } }, cancellationToken));
    }

    private async Task RunAsync(string what, Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Exception e) when (BlobFailures.IsStorageFailure(e))
        {
            throw BlobFailures.Explain(what, _container.Name, e);
        }
    }
}
