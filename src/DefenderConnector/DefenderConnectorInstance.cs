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
                () => new SdkEventHubTransport(eventHub),
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

        var state = SqliteStateStore.Open(options.StatePath);
        return new DefenderConnectorInstance(sources, state, EventEncoders.For(options.OutputFormat, options.EcsOriginal), context);
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
            catch (SinkWriteException e)
            {
                error = $"SinkFailed: {e.Message}";
                outcome = new SourcePullOutcome(PullStopReason.Failed, []);
                _context.Metrics.Add("connector.errors", 1, new("source", name), new("class", "SinkFailed"));
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
