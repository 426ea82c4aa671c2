using DefenderConnector.Abstractions;
using DefenderConnector.Checkpoints;
using DefenderConnector.Mapping;

namespace DefenderConnector.Pulling;

/// <summary>
/// One pull of one source, as its readers see the engine: the shared budget, read-only state, resilience,
/// and <see cref="ReadAsync"/>, the one loop every stream goes through: read → decode → map → encode →
/// sink → commit. This is the only place positions, cursors and dead letters are committed, always
/// after the sink confirmed what they cover.
/// </summary>
internal sealed class PullRun
{
    private readonly EventPipeline _pipeline;
    private Func<IReadOnlyList<KeyValuePair<string, string>>> _facts = () => [];

    public PullRun(EventPipeline pipeline, PullBudget budget)
    {
        _pipeline = pipeline;
        Budget = budget;
    }

    public PullBudget Budget { get; }

    /// <summary>Stored positions, for readers deciding where to start (they never write).</summary>
    public IStateStore State => _pipeline.State;

    public IConnectorMetrics Metrics => _pipeline.Metrics;

    public TimeProvider Time => _pipeline.Time;

    /// <summary>The facts the summary shows, however the pull ends (also when it is cut short).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Facts => _facts();

    /// <summary>Registers where the summary's facts come from, as early as the source knows them.</summary>
    public void ReportFacts(Func<IReadOnlyList<KeyValuePair<string, string>>> facts) => _facts = facts;

    /// <summary>A retry pipeline for a one-off operation (such as listing partitions) with the caller's classified decision.</summary>
    public PullResilience Resilience(Func<ConnectorException, int, TimeSpan?> decide, Action<ConnectorException, int, TimeSpan> onRetry) =>
        new(_pipeline.Time, decide, onRetry);

    /// <summary>
    /// Reads <paramref name="reader"/> until it is done or the budget runs out. A failure the reader
    /// classifies as worth retrying reopens it after the last committed position (what was read and not
    /// committed is dropped and read again), so nothing is lost or skipped; any other failure ends this
    /// call with the reader's <see cref="ConnectorException"/>.
    /// </summary>
    /// <param name="filter">The source's table filter: records of tables it drops are counted there and never mapped.</param>
    public async Task ReadAsync(IStreamReader reader, string stream, CancellationToken cancellationToken, string fullyQualifiedNamespace = "", string hub = "", Sources.Filtering.FilteredRecords? filter = null)
    {
        var start = await reader.StartAsync(_pipeline.State, cancellationToken).ConfigureAwait(false);
        if (start.Commit is { } first)
        {
            await _pipeline.State.CommitAsync(first, cancellationToken).ConfigureAwait(false);
        }

        if (!start.Read)
        {
            return;
        }

        var batcher = _pipeline.CreateBatcher(stream, fullyQualifiedNamespace, hub, reader.Name, filter);
        var resilience = new PullResilience(_pipeline.Time, reader.RetryDelay, (failure, attempt, delay) =>
        {
            batcher.Reset();
            reader.OnRetry(failure, attempt, delay);
        });

        await resilience.Pipeline.ExecuteAsync(
            async ct =>
            {
                await reader.OpenAsync(ct).ConfigureAwait(false);
                try
                {
                    await DrainAsync(reader, batcher, resilience, ct).ConfigureAwait(false);
                }
                finally
                {
                    await reader.CloseAsync().ConfigureAwait(false);
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task DrainAsync(IStreamReader reader, EventBatcher batcher, PullResilience resilience, CancellationToken cancellationToken)
    {
        while (Budget.Open && await reader.ReadAsync(Budget.Remaining, cancellationToken).ConfigureAwait(false) is { } chunk)
        {
            var item = 0;
            int? committed = null;
            foreach (var message in chunk.Messages)
            {
                var before = batcher.EventCount + batcher.DeadLetterCount;
                batcher.AddMessage(message);
                Budget.Take(batcher.EventCount + batcher.DeadLetterCount - before);
                committed = await FlushWhenFullAsync(reader, batcher, resilience, item++, cancellationToken).ConfigureAwait(false) ?? committed;
            }

            foreach (var read in chunk.Objects)
            {
                if (read.DeadReason is { } reason)
                {
                    batcher.AddDeadObject(read, reason, read.DeadDetail ?? reason);
                }
                else
                {
                    var mapped = batcher.AddObject(read.Json.Span, read.Origin);
                    if (mapped.Status == MapStatus.Failed)
                    {
                        batcher.AddDeadObject(read, DeadLetterReasons.RecordUnmappable, mapped.Detail ?? "The object could not be mapped.");
                    }
                }

                committed = await FlushWhenFullAsync(reader, batcher, resilience, item++, cancellationToken).ConfigureAwait(false) ?? committed;
            }

            // The chunk's end, unless a full batch just committed exactly there.
            if (committed != chunk.Count - 1)
            {
                await FlushAsync(reader, batcher, resilience, chunk.Count - 1, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A batch that reached <c>output.maxBatchEvents</c> is delivered at once (with the position after <paramref name="item"/>, when the reader has one there).</summary>
    /// <returns><paramref name="item"/> when its position was committed, else null.</returns>
    private async Task<int?> FlushWhenFullAsync(IStreamReader reader, EventBatcher batcher, PullResilience resilience, int item, CancellationToken cancellationToken) =>
        batcher.EventCount >= _pipeline.MaxBatchEvents && await FlushAsync(reader, batcher, resilience, item, cancellationToken).ConfigureAwait(false) ? item : null;

    /// <summary>Delivers the batch, then commits the position after <paramref name="item"/> when the reader has one; true when it committed.</summary>
    private async Task<bool> FlushAsync(IStreamReader reader, EventBatcher batcher, PullResilience resilience, int item, CancellationToken cancellationToken)
    {
        var position = reader.PositionAfter(item);
        if (position is null && batcher.EventCount == 0)
        {
            return false;
        }

        await batcher.FlushAsync(position, cancellationToken).ConfigureAwait(false);
        if (position is null)
        {
            return false;
        }

        reader.Committed(item);
        resilience.Progress();
        return true;
    }
}
