using DefenderConnector.Checkpoints;
using DefenderConnector.Mapping;
using DefenderConnector.Pulling;

namespace DefenderConnector.Sources.Graph;

/// <summary>
/// The incremental walk shared by every API stream: read from the cursor (minus the overlap), drop
/// versions already delivered, hand each new version to the pipeline, and commit the advanced cursor
/// in the same flush as the page's events, so the cursor never passes what the sink has not confirmed.
/// Pages are turned by <see cref="KeysetPaging"/>.
/// </summary>
internal static class StreamPuller
{
    public const string MissingIdentity = "MissingIdentity";

    /// <summary>Reads one stream up to its end or until <paramref name="deadline"/> fires.</summary>
    /// <param name="initialWatermark">Where a stream without a stored cursor starts.</param>
    /// <param name="floor">A watermark another API already delivered up to; the stream starts no earlier.</param>
    public static async Task<StreamResult> RunAsync(IApiStream stream, EventPipeline pipeline, DateTimeOffset initialWatermark, DateTimeOffset? floor, TimeSpan overlap, CancellationToken deadline)
    {
        var cursor = StreamCursor.Parse(await pipeline.State.GetCursorAsync(stream.CursorKey, deadline).ConfigureAwait(false), initialWatermark);
        if (floor is { } f)
        {
            cursor.Raise(f);
        }

        var batcher = pipeline.CreateBatcher(stream.CursorKey);
        var result = new StreamResult(stream.Name);
        var position = new KeysetPosition(cursor.QueryFrom(overlap));
        var page = await stream.QueryAsync(position, deadline).ConfigureAwait(false);
        while (true)
        {
            result.Pages++;
            foreach (var item in page.Items)
            {
                if (item.Id is null || item.LastUpdate is null)
                {
                    batcher.AddDeadObject(item.Json, MissingIdentity, $"The {stream.Name} object has no id or no readable last update time.");
                    continue;
                }

                if (!cursor.TryRecord(item.Id, item.LastUpdate.Value))
                {
                    result.Duplicates++;
                    continue;
                }

                var stamp = ApiItemReader.Stamp(item.LastUpdate.Value);
                var origin = new RecordOrigin(stream.Kind, EventUid.ForApiObject(stream.Kind, item.Id, stamp), item.LastUpdate);
                var mapped = batcher.AddObject(item.Json.Span, origin);
                if (mapped.Status == MapStatus.Failed)
                {
                    batcher.AddDeadObject(item.Json, DeadLetterReasons.RecordUnmappable, mapped.Detail ?? "The object could not be mapped.");
                }

                result.Emitted++;
            }

            // Written even when nothing new arrived: a first run must remember where it started.
            await batcher.FlushAsync(new StateCommit([], [new(stream.CursorKey, cursor.Serialize(overlap))], []), deadline).ConfigureAwait(false);
            result.Watermark = cursor.Watermark;
            var turn = KeysetPaging.Turn(page, position, stream.PageSize, stream.SkipLimit);
            if (turn.TieOverflow)
            {
                result.TieOverflows.Add(position.From);
            }

            if (turn.NextLink is { } link)
            {
                position = position with { Skip = KeysetPaging.SkipOf(link) ?? position.Skip + page.Items.Count };
                page = await stream.FollowAsync(link, deadline).ConfigureAwait(false);
            }
            else if (turn.Query is { } query)
            {
                position = query;
                page = await stream.QueryAsync(query, deadline).ConfigureAwait(false);
            }
            else
            {
                return result;
            }
        }
    }
}
