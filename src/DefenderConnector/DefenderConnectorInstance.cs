using System.Diagnostics;
using DefenderConnector.Abstractions;
using DefenderConnector.Checkpoints;
using DefenderConnector.Configuration;
using DefenderConnector.Encoders;
using DefenderConnector.Mapping;
using DefenderConnector.Pulling;
using DefenderConnector.Sources.EventHub;
using DefenderConnector.Sources.Graph;
using Microsoft.Extensions.Logging;

namespace DefenderConnector;

/// <summary>
/// The shared pull loop around every source: overlap prevention, the pipeline, the summary, telemetry.
/// </summary>
internal sealed class DefenderConnectorInstance : IConnector
{
    private readonly Dictionary<string, (IPullSource Source, SemaphoreSlim Gate)> _sources;
    private readonly ConnectorContext _context;
    private readonly IStateStore _state;
    private readonly OcsfMapper _mapper = new();
    private readonly IEventEncoder _encoder;
    private readonly ILogger _logger;

    public DefenderConnectorInstance(IReadOnlyList<IPullSource> sources, IStateStore state, IEventEncoder encoder, ConnectorContext context)
    {
        _sources = sources.ToDictionary(s => s.Descriptor.Name, s => (s, new SemaphoreSlim(1, 1)), StringComparer.OrdinalIgnoreCase);
        Sources = sources.Select(s => s.Descriptor).ToArray();
        _state = state;
        _encoder = encoder;
        _context = context;
        _logger = context.LoggerFactory.CreateLogger("DefenderConnector");
    }

    public IReadOnlyList<SourceDescriptor> Sources { get; }

    public static DefenderConnectorInstance Create(ConnectorOptions options, ConnectorContext context)
    {
        var sources = new List<IPullSource>();
        if (options.EventHub is { } eventHub)
        {
            sources.Add(new EventHubSource(
                eventHub,
                () => new AmqpEventHubTransport(eventHub, context.TimeProvider, context.LoggerFactory),
                ct => new EventHubConnectivityProbe(eventHub, context.TimeProvider).RunAsync(ct),
                context.TimeProvider,
                context.LoggerFactory));
        }

        if (options.Graph is { } graph)
        {
            sources.Add(new GraphSource(
                graph,
                RequestBudgetRegistry.Shared,
                (source, ct) => new GraphConnectivityProbe(graph, RequestBudgetRegistry.Shared, context.TimeProvider).RunAsync(source.ActiveMode, ct),
                context.TimeProvider,
                context.LoggerFactory));
        }

        var state = OpenState(options, context.TimeProvider);
        return new DefenderConnectorInstance(sources, state, EventEncoders.For(options.OutputFormat, options.EcsOriginal), context);
    }

    /// <summary>Opens the state database; a lost or unusable one is a settings problem naming <c>state.path</c>.</summary>
    private static SqliteStateStore OpenState(ConnectorOptions options, TimeProvider time)
    {
        static ConnectorSettingsException Problem(string message) =>
            new(new SettingsValidation([new SettingsProblem("state.path", message)]));

        if (StateMarker.DatabaseLost(options.StatePath))
        {
            if (!options.RestartWhenStateMissing)
            {
                throw Problem($"the state database {options.StatePath} is missing, but {StateMarker.PathFor(options.StatePath)} shows positions were committed to it: restore it (or mount its volume), or set state.onMissing to \"restart\" to read again from eventHub.initialPosition (duplicates in the SIEM).");
            }

            File.Delete(StateMarker.PathFor(options.StatePath));
        }

        try
        {
            return SqliteStateStore.Open(options.StatePath, time);
        }
        catch (StateStoreException e)
        {
            throw Problem(e.Message["state.path: ".Length..]);
        }
    }

    public Task<ConnectivityReport> TestConnectivityAsync(string source, CancellationToken cancellationToken) =>
        Find(source).Source.TestConnectivityAsync(cancellationToken);

    public async Task<PullSummary> PullAsync(string source, CancellationToken cancellationToken)
    {
        var (pullSource, gate) = Find(source);
        var started = _context.TimeProvider.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var name = pullSource.Descriptor.Name;
        if (!await gate.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            LogMessages.PullOverlap(_logger, name);
            return new PullSummary { Source = name, StartedAt = started, Elapsed = TimeSpan.Zero, StopReason = nameof(PullStopReason.AlreadyRunning) };
        }

        try
        {
            LogMessages.PullStarted(_logger, name);
            var statistics = new PullStatistics();
            var pipeline = new EventPipeline(name, _context.Sink, _state, _mapper, _encoder, statistics, _context.TimeProvider, _context.Metrics);
            SourcePullOutcome outcome;
            string? error = null;
            try
            {
                outcome = await pullSource.PullAsync(pipeline, cancellationToken).ConfigureAwait(false);
                if (outcome.Error is { } partial)
                {
                    error = partial;
                    _context.Metrics.Add("connector.errors", 1, new("source", name), new("class", "StreamFailed"));
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                outcome = new SourcePullOutcome(PullStopReason.Cancelled, []);
            }
            catch (GraphSourceException e)
            {
                error = $"{e.Reason}: {e.Message}";
                outcome = new SourcePullOutcome(PullStopReason.Failed, e.Api is { } api ? [new("mode", api.ToString().ToLowerInvariant())] : []);
                _context.Metrics.Add("connector.errors", 1, new("source", name), new("class", e.Reason.ToString()));
            }
            catch (EventHubException e)
            {
                error = $"{e.Reason}: {e.Message}";
                outcome = new SourcePullOutcome(PullStopReason.Failed, []);
                _context.Metrics.Add("connector.errors", 1, new("source", name), new("class", e.Reason.ToString()));
            }
            catch (StateStoreException e)
            {
                // Nothing was committed: the batch is read again once the database is usable.
                error = $"StateFailed: {e.Message}";
                outcome = new SourcePullOutcome(PullStopReason.Failed, []);
                _context.Metrics.Add("connector.errors", 1, new("source", name), new("class", "StateFailed"));
            }
            catch (SinkWriteException e)
            {
                error = $"SinkFailed: {e.Message}";
                outcome = new SourcePullOutcome(PullStopReason.Failed, []);
                _context.Metrics.Add("connector.errors", 1, new("source", name), new("class", "SinkFailed"));
            }
            catch (Exception e) when (Failures.IsRecoverable(e) && e is not OperationCanceledException)
            {
                // A defect, not an input or environment fault: one line in the summary, the stack trace in the debug log.
                error = $"Unexpected: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}";
                outcome = new SourcePullOutcome(PullStopReason.Failed, []);
                LogMessages.PullFailedDetail(_logger, name, e);
                _context.Metrics.Add("connector.errors", 1, new("source", name), new("class", "Unexpected"));
            }

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
                StopReason = outcome.StopReason.ToString(),
                Error = error,
                Facts = outcome.Facts,
            };
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
        foreach (var (source, gate) in _sources.Values)
        {
            await source.DisposeAsync().ConfigureAwait(false);
            gate.Dispose();
        }

        await _state.DisposeAsync().ConfigureAwait(false);
    }

    private (IPullSource Source, SemaphoreSlim Gate) Find(string source) =>
        _sources.TryGetValue(source, out var found)
            ? found
            : throw new ArgumentException($"No source named '{source}' is configured. Configured: {string.Join(", ", _sources.Keys)}.", nameof(source));
}
