using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;

namespace DefenderConnector.Checkpoints.Blob;

/// <summary>
/// The operator side of the Blob store (<c>status</c>, <c>dead-letters</c>). Checkpoints are listed in the SDK layout
/// under every namespace in the container; the last pull of each source is one small blob the newest pull overwrites.
/// A dead letter's number is its position (from 1) in the container's dead letters ordered by when they were stored,
/// so every instance numbers them alike; letters are never deleted, only marked, so a number keeps its letter.
/// Re-driving is guarded by the letter's ETag: an instance first writes <c>claimed</c> into the metadata on the ETag it
/// listed (a second instance's write fails with 412 and it skips the letter), delivers, then writes <c>done</c> on the
/// ETag of its claim. A claim older than <see cref="ClaimLifetime"/> (an instance that died between the two) can be taken again.
/// </summary>
internal sealed partial class BlobStateStore
{
    /// <summary>How long a re-drive's claim on a dead letter holds before another re-drive may take it.</summary>
    internal static readonly TimeSpan ClaimLifetime = TimeSpan.FromMinutes(10);

    // Numbers handed out by the last listing, with the ETag seen then: the claim and the done mark are conditional on it.
    private readonly Dictionary<long, (string Name, ETag ETag)> _letters = [];

    public ValueTask RecordPullAsync(PullRecord record, CancellationToken cancellationToken)
    {
        var document = JsonSerializer.SerializeToUtf8Bytes(record, DeadLetterDocumentContext.Default.PullRecord);
        return new(RunAsync("writing the last pull", () => _container.GetBlobClient(BlobNames.LastPull(record.Source)).UploadAsync(new BinaryData(document), overwrite: true, cancellationToken)));
    }

    public async ValueTask<IReadOnlyList<PullRecord>> ReadPullsAsync(CancellationToken cancellationToken)
    {
        var records = new List<PullRecord>();
        try
        {
            await foreach (var blob in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, BlobNames.LastPullPrefix, cancellationToken).ConfigureAwait(false))
            {
                var content = await _container.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
                if (Parse(content.Value.Content) is { } record)
                {
                    records.Add(record);
                }
            }
        }
        catch (Exception e) when (BlobFailures.IsStorageFailure(e))
        {
            throw BlobFailures.Explain("reading the last pulls", _container.Name, e);
        }

        return [.. records.OrderBy(r => r.Source, StringComparer.Ordinal)];
    }

    public async ValueTask<IReadOnlyList<Checkpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken)
    {
        var checkpoints = new List<Checkpoint>();
        try
        {
            // The SDK layout starts with the namespace; the connector's own blobs sit under one prefix no namespace has.
            await foreach (var top in _container.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", null, cancellationToken).ConfigureAwait(false))
            {
                if (!top.IsPrefix || top.Prefix == BlobNames.DeadLetterPrefix.Split('/')[0] + "/")
                {
                    continue;
                }

                await foreach (var blob in _container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, top.Prefix, cancellationToken).ConfigureAwait(false))
                {
                    if (ToCheckpoint(blob) is { } checkpoint)
                    {
                        checkpoints.Add(checkpoint);
                    }
                }
            }
        }
        catch (Exception e) when (BlobFailures.IsStorageFailure(e))
        {
            throw BlobFailures.Explain("listing the checkpoints", _container.Name, e);
        }

        return [.. checkpoints.OrderBy(c => c.Stream, StringComparer.Ordinal).ThenBy(c => long.TryParse(c.Partition, out var n) ? n : long.MaxValue).ThenBy(c => c.Partition, StringComparer.Ordinal)];
    }

    public async ValueTask<IReadOnlyList<StoredDeadLetter>> ReadStoredDeadLettersAsync(bool includeDone, CancellationToken cancellationToken)
    {
        var letters = new List<StoredDeadLetter>();
        try
        {
            var blobs = new List<BlobItem>();
            await foreach (var blob in _container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, BlobNames.DeadLetterPrefix, cancellationToken).ConfigureAwait(false))
            {
                blobs.Add(blob);
            }

            var id = 0L;
            foreach (var blob in blobs.OrderBy(StoredOrder, StringComparer.Ordinal).ThenBy(b => b.Name, StringComparer.Ordinal))
            {
                id++;
                lock (_sync)
                {
                    _letters[id] = (blob.Name, blob.Properties.ETag ?? default);
                }

                var doneAt = Time(blob.Metadata, BlobNames.DoneKey);
                if (doneAt is not null && !includeDone)
                {
                    continue;
                }

                var content = await _container.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
                var d = content.Value.Content.ToObjectFromJson(DeadLetterDocumentContext.Default.DeadLetterDocument)!;
                var letter = new DeadLetter(d.Source, d.Stream, d.Partition, d.SequenceNumber, d.Offset, d.RecordIndex, d.Reason, d.Detail, d.Raw, d.At);
                letters.Add(new StoredDeadLetter(id, letter, doneAt));
            }
        }
        catch (Exception e) when (BlobFailures.IsStorageFailure(e) || e is JsonException)
        {
            throw BlobFailures.Explain("reading the dead letters", _container.Name, e);
        }

        return letters;
    }

    public ValueTask<bool> TryClaimDeadLetterAsync(long id, DateTimeOffset at, CancellationToken cancellationToken) =>
        new(MarkAsync(id, BlobNames.ClaimedKey, at, cancellationToken));

    public ValueTask<bool> MarkDeadLetterDoneAsync(long id, DateTimeOffset at, CancellationToken cancellationToken) =>
        new(MarkAsync(id, BlobNames.DoneKey, at, cancellationToken));

    /// <summary>Sets one metadata time on the dead letter, only if it is unchanged since this store last saw it.</summary>
    private async Task<bool> MarkAsync(long id, string key, DateTimeOffset at, CancellationToken cancellationToken)
    {
        (string Name, ETag ETag) seen;
        lock (_sync)
        {
            if (!_letters.TryGetValue(id, out seen))
            {
                return false;
            }
        }

        var blob = _container.GetBlobClient(seen.Name);
        try
        {
            var properties = await blob.GetPropertiesAsync(new BlobRequestConditions { IfMatch = seen.ETag }, cancellationToken).ConfigureAwait(false);
            var metadata = new Dictionary<string, string>(properties.Value.Metadata, StringComparer.OrdinalIgnoreCase);
            if (metadata.ContainsKey(BlobNames.DoneKey)
                || (key == BlobNames.ClaimedKey && Time(metadata, BlobNames.ClaimedKey) is { } claimed && at - claimed < ClaimLifetime))
            {
                return false;
            }

            metadata[key] = at.ToString("O", CultureInfo.InvariantCulture);
            var written = await blob.SetMetadataAsync(metadata, new BlobRequestConditions { IfMatch = seen.ETag }, cancellationToken).ConfigureAwait(false);
            lock (_sync)
            {
                _letters[id] = (seen.Name, written.Value.ETag);
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            // Another instance changed it since it was listed (or it is gone): that instance re-drives it.
            return false;
        }
        catch (Exception e) when (BlobFailures.IsStorageFailure(e))
        {
            throw BlobFailures.Explain("marking a dead letter", _container.Name, e);
        }
    }

    private static Checkpoint? ToCheckpoint(BlobItem blob)
    {
        // namespace/hub/consumergroup/checkpoint/partition
        var parts = blob.Name.Split('/');
        if (parts.Length != 5 || parts[3] != "checkpoint"
            || !blob.Metadata.TryGetValue(BlobNames.SequenceNumberKey, out var text)
            || !long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var sequenceNumber))
        {
            return null;
        }

        blob.Metadata.TryGetValue(BlobNames.OffsetKey, out var offset);
        return new Checkpoint(string.Join('/', parts[..3]), parts[4], sequenceNumber, offset ?? string.Empty, blob.Properties.LastModified ?? DateTimeOffset.MinValue);
    }

    /// <summary>The <c>yyyy/MM/dd/HHmmssfff</c> part of a dead letter's name, whatever its source.</summary>
    private static string StoredOrder(BlobItem blob)
    {
        var parts = blob.Name[BlobNames.DeadLetterPrefix.Length..].Split('/');
        return parts.Length >= 5 ? string.Join('/', parts[^4..]) : blob.Name;
    }

    private static DateTimeOffset? Time(IDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;

    private static PullRecord? Parse(BinaryData content)
    {
        try
        {
            return content.ToObjectFromJson(DeadLetterDocumentContext.Default.PullRecord);
        }
        catch (JsonException)
        {
            // Not written by this connector: status shows no last pull rather than failing.
            return null;
        }
    }
}
