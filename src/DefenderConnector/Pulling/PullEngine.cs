using System.Diagnostics;
using DefenderConnector.Abstractions;
using DefenderConnector.Checkpoints;
using DefenderConnector.Encoders;
using DefenderConnector.Mapping;
using Microsoft.Extensions.Logging;

namespace DefenderConnector.Pulling;

/// <summary>
/// The one pull engine every source goes through. It owns overlap prevention (one pull per source at a
/// time), the budget (events, duration), the shared pipeline (batching, delivery, commit: see
/// <see cref="PullRun"/>), the translation of every failure into the summary (one place, from
/// <see cref="ConnectorException"/>), and the pull's telemetry.
/// </summary>
internal sealed class PullEngine : IAsyncDisposable
{
    private readonly IStateStore _state;
    private readonly OcsfMapper _mapper = new();
    private readonly IEventEncoder _encoder;
    private readonly ConnectorContext _context;
    private readonly int _maxBatchEvents;
    private readonly ILogger _logger;
    private readonly Dictionary<IPullSource, SemaphoreSlim> _gates = [];

    public PullEngine(IStateStore state, IEventEncoder encoder, ConnectorContext context, int maxBatchEvents)
    {
        _state = state;
        _encoder = encoder;
        _context = context;
        _maxBatchEvents = maxBatchEvents;
        _logger = context.LoggerFactory.CreateLogger("DefenderConnector");
    }

    public async Task<PullSummary> PullAsync(IPullSource source, CancellationToken cancellationToken)
    {
        var name = source.Descriptor.Name;
        var started = _context.TimeProvider.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var gate = Gate(source);
        if (!await gate.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            LogMessages.PullOverlap(_logger, name);
            return new PullSummary { Source = name, StartedAt = started, Elapsed = TimeSpan.Zero, StopReason = nameof(PullStopReason.AlreadyRunning) };
        }

        try
        {
            LogMessages.PullStarted(_logger, name);
            var statistics = new PullStatistics();
            // A tenant's readers tag their metrics with the tenant's source name, not their kind.
            var metrics = source.Tenant is null ? _context.Metrics : new Tenants.TenantMetrics(_context.Metrics, name);
            var pipeline = new EventPipeline(name, _context.Sink, _state, _mapper, _encoder, statistics, _context.TimeProvider, metrics, _maxBatchEvents) { Tenant = source.Tenant };
            var run = new PullRun(pipeline, new PullBudget(source.MaxEventsPerPull, source.MaxPullDuration, _context.TimeProvider));
            var (outcome, error) = await RunAsync(source, run, cancellationToken).ConfigureAwait(false);
            var summary = new PullSummary
            {
                Source = name,
                StartedAt = started,
                Elapsed = clock.Elapsed,
                MessagesRead = statistics.MessagesRead,
                EventsDelivered = statistics.EventsDelivered,
                BytesDelivered = statistics.BytesDelivered,
                DeadLettered = statistics.DeadLettered,
                EventsByTable = statistics.EventsByTable,
                DeadLettersByReason = statistics.DeadLettersByReason,
                UndocumentedActionTypes = statistics.UndocumentedActionTypes,
                StopReason = outcome.StopReason.ToString(),
                Error = error,
                Facts = outcome.Facts,
            };
            var outcomeTag = new KeyValuePair<string, string>("outcome", error is null ? summary.StopReason : nameof(PullStopReason.Failed));
            _context.Metrics.Add("connector.pulls", 1, new("source", name), outcomeTag);
            _context.Metrics.Record("connector.pull_duration", summary.Elapsed.TotalSeconds, new("source", name), outcomeTag);
            await RecordAsync(summary).ConfigureAwait(false);
            if (error is null)
            {
                LogMessages.PullEnded(_logger, name, summary.StopReason, summary.EventsDelivered, summary.DeadLettered, (long)summary.Elapsed.TotalMilliseconds);
            }
            else
            {
                LogMessages.PullFailed(_logger, name, error);
            }

            return summary;
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var gate in _gates.Values)
        {
            gate.Dispose();
        }

        await _state.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Runs the source within its budget and turns however it ends into a stop reason and at most one error line.</summary>
    private async Task<(SourcePullOutcome Outcome, string? Error)> RunAsync(IPullSource source, PullRun run, CancellationToken cancellationToken)
    {
        var name = source.Descriptor.Name;

        // The budget is checked on the injected clock between reads; this backstop also ends a read that blocks past it.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(source.MaxPullDuration);
        try
        {
            var outcome = await source.PullAsync(run, deadline.Token).ConfigureAwait(false);
            if (outcome.Error is { } partial)
            {
                _context.Metrics.Add("connector.errors", 1, new("source", name), new("class", "StreamFailed"));
                return (outcome, partial);
            }

            if (outcome.StopReason == PullStopReason.CaughtUp && run.Budget.EventsExhausted)
            {
                outcome = outcome with { StopReason = PullStopReason.MaxEvents };
            }
            else if (outcome.StopReason == PullStopReason.CaughtUp && run.Budget.TimedOut)
            {
                outcome = outcome with { StopReason = PullStopReason.MaxDuration };
            }

            return (outcome, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (new SourcePullOutcome(PullStopReason.Cancelled, run.Facts), null);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return (new SourcePullOutcome(PullStopReason.MaxDuration, run.Facts), null);
        }
        catch (ConnectorException e)
        {
            // Nothing the failure touched was committed: it is read again on the next pull.
            _context.Metrics.Add("connector.errors", 1, new("source", name), new("class", e.Code));
            return (new SourcePullOutcome(PullStopReason.Failed, e.Facts), $"{e.Code}: {e.Message}");
        }
        catch (Exception e) when (Failures.IsRecoverable(e))
        {
            // A defect, not an input or environment fault: one line in the summary, the stack trace in the debug log.
            LogMessages.PullFailedDetail(_logger, name, e);
            _context.Metrics.Add("connector.errors", 1, new("source", name), new("class", "Unexpected"));
            return (new SourcePullOutcome(PullStopReason.Failed, []), $"Unexpected: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    /// <summary>Keeps the pull's outcome for <c>status</c>; a store that cannot take it costs the record, never the pull.</summary>
    private async Task RecordAsync(PullSummary summary)
    {
        try
        {
            var record = new PullRecord(summary.Source, summary.StartedAt + summary.Elapsed, summary.StopReason, summary.Error, summary.EventsDelivered, summary.DeadLettered);
            await _state.RecordPullAsync(record, CancellationToken.None).ConfigureAwait(false);
        }
        catch (ConnectorException e)
        {
            LogMessages.PullFailedDetail(_logger, summary.Source, e);
        }
    }

    private SemaphoreSlim Gate(IPullSource source)
    {
        lock (_gates)
        {
            if (!_gates.TryGetValue(source, out var gate))
            {
                gate = new SemaphoreSlim(1, 1);
                _gates[source] = gate;
            }

            return gate;
        }
    }
}
