using Azure.Storage.Blobs;
using DefenderConnector.Pulling;
using Microsoft.Extensions.Logging;

namespace DefenderConnector.Sources.Storage;

/// <summary>
/// One container (one table) in one pull: lists its blobs, reads those in the working set oldest hour first,
/// then moves the container's <see cref="RetirementMark"/> past the hours now finished.
/// </summary>
internal sealed class ExportContainerPull(BlobContainerClient container, StorageSourceOptions options, StorageFacts facts, PullRun run, ILogger logger)
{
    private readonly string _key = options.StreamKey(container.Name);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = run.Time.GetUtcNow();
        var mark = RetirementMark.Parse(await run.State.GetCursorAsync(RetirementMark.CursorKey(_key), cancellationToken).ConfigureAwait(false));
        var blobs = await StorageExportSource.WithRetryAsync(run, async ct =>
        {
            var list = new List<ExportBlob>();
            await foreach (var item in container.GetBlobsAsync(cancellationToken: ct).ConfigureAwait(false))
            {
                list.Add(new ExportBlob(container.Name, item.Name, ExportBlobName.HourOf(item.Name), item.Properties.ContentLength ?? 0, item.Properties.LastModified ?? DateTimeOffset.MinValue));
            }

            return list;
        }, $"list blobs of {container.Name}", cancellationToken, options.MaxRetries).ConfigureAwait(false);
        facts.AddListed(blobs.Count);

        // Oldest hour first; blobs whose names carry no hour after them (they are read, never retired).
        blobs.Sort((a, b) => (a.Hour ?? DateTimeOffset.MaxValue).CompareTo(b.Hour ?? DateTimeOffset.MaxValue) is var byHour and not 0 ? byHour : string.CompareOrdinal(a.Name, b.Name));
        var finished = new HashSet<string>(StringComparer.Ordinal);
        var retired = 0;
        foreach (var blob in blobs)
        {
            if (mark is { } m && m.Covers(blob))
            {
                retired++;
                finished.Add(blob.Name);
                continue;
            }

            if (options.StartTime is { } start && blob.Hour is { } hour && hour.AddHours(1) <= start)
            {
                finished.Add(blob.Name);
                continue;
            }

            if (!run.Budget.Open)
            {
                break;
            }

            var ended = Ended(blob, now);
            var stream = new ExportBlobStream(container, blob, options, facts, run.Time, run.Metrics, ended);
            try
            {
                await run.ReadAsync(stream, $"{_key}/{blob.Name}", cancellationToken).ConfigureAwait(false);
            }
            catch (ConnectorException e) when (StorageFailureClassifier.ReasonOf(e) == StorageFailureReason.NotFound)
            {
                // Deleted between the listing and the read (a lifecycle rule): nothing left to read there.
                facts.Note(blob, "was deleted before it was read to its end");
                finished.Add(blob.Name);
                continue;
            }

            if (ended && stream.Delivered >= blob.Length)
            {
                finished.Add(blob.Name);
            }
        }

        facts.AddRetired(retired);
        await MoveMarkAsync(mark, blobs, finished, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the blob's hour ended <c>retireAfter</c> ago: Defender no longer appends to it.</summary>
    private bool Ended(ExportBlob blob, DateTimeOffset now) =>
        blob.Hour is { } hour && hour.AddHours(1) + options.RetireAfter <= now;

    private async Task MoveMarkAsync(RetirementMark? mark, List<ExportBlob> blobs, HashSet<string> finished, DateTimeOffset now, CancellationToken cancellationToken)
    {
        DateTimeOffset? next = null;
        var modified = DateTimeOffset.MinValue;
        foreach (var hour in blobs.Where(b => b.Hour is not null).GroupBy(b => b.Hour!.Value).OrderBy(g => g.Key))
        {
            if (hour.Key.AddHours(1) + options.RetireAfter > now || !hour.All(b => finished.Contains(b.Name)))
            {
                break;
            }

            next = hour.Key.AddHours(1);
            modified = hour.Max(b => b.LastModified) is var m && m > modified ? m : modified;
        }

        if (next is { } moved && (mark is null || moved > mark.Value.Hour))
        {
            var value = new RetirementMark(moved, mark is { } old && old.LastModified > modified ? old.LastModified : modified).ToString();
            LogMessages.StorageRetired(logger, container.Name, value);
            await run.ReadAsync(new CursorCommit(RetirementMark.CursorKey(_key), value), _key, cancellationToken).ConfigureAwait(false);
        }
    }
}
