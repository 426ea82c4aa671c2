using DefenderConnector.Abstractions;
using DefenderConnector.Pulling;
using DefenderConnector.Sources.Legacy;
using Microsoft.Extensions.Logging;

namespace DefenderConnector.Sources.Graph;

/// <summary>
/// Pulls Defender XDR incidents and alerts: Graph Security v1.0 first, the legacy APIs when Graph
/// cannot serve (see <see cref="ModeSelector"/>). Each API stream keeps its own cursor, committed with
/// the events it covers, so switching APIs loses nothing.
/// </summary>
internal sealed class GraphSource : IPullSource
{
    private readonly GraphSourceOptions _options;
    private readonly ApiClientSet _clients;
    private readonly ModeSelector _selector;
    private readonly Func<CancellationToken, Task<ConnectivityReport>> _probe;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private ApiMode? _loggedMode;

    public GraphSource(GraphSourceOptions options, RequestBudgetRegistry budgets, Func<GraphSource, CancellationToken, Task<ConnectivityReport>> probe, TimeProvider time, ILoggerFactory loggerFactory)
    {
        _options = options;
        _time = time;
        _logger = loggerFactory.CreateLogger("DefenderConnector.Graph");
        _clients = new ApiClientSet(options, budgets, time, _logger, options.MaxRetries);
        _selector = new ModeSelector(options, time);
        _probe = ct => probe(this, ct);
        Descriptor = new SourceDescriptor(GraphConstants.SourceName, options.Describe(), options.PullInterval);
    }

    public SourceDescriptor Descriptor { get; }

    /// <summary>The API the next pull will read (test-connectivity reports it).</summary>
    public ApiMode ActiveMode => _selector.Current;

    public string? FallbackReason => _selector.FallbackReason;

    public Task<ConnectivityReport> TestConnectivityAsync(CancellationToken cancellationToken) => _probe(cancellationToken);

    public async Task<SourcePullOutcome> PullAsync(EventPipeline pipeline, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.MaxPullDuration);
        var facts = new List<KeyValuePair<string, string>>();
        try
        {
            if (_selector.PrimaryProbeDue)
            {
                await ProbePrimaryAsync(deadline.Token).ConfigureAwait(false);
            }

            while (true)
            {
                var mode = _selector.Current;
                LogModeOnce(mode);
                try
                {
                    var results = await PullModeAsync(mode, pipeline, facts, deadline.Token).ConfigureAwait(false);
                    _selector.Succeeded();
                    facts.Insert(0, new("mode", mode.ToString().ToLowerInvariant()));
                    foreach (var r in results)
                    {
                        facts.Add(new(r.Name, r.Emitted.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                        facts.Add(new($"{r.Name}.duplicates", r.Duplicates.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                        GraphLog.StreamRead(_logger, $"{mode}/{r.Name}", r.Pages, r.Emitted, r.Duplicates, ApiItemReader.Stamp(r.Watermark));
                    }

                    if (_selector.FallbackReason is { } why)
                    {
                        facts.Add(new("fallbackReason", why));
                    }

                    return new SourcePullOutcome(PullStopReason.CaughtUp, facts);
                }
                catch (GraphSourceException e)
                {
                    var next = _selector.Failed(e);
                    if (next is null)
                    {
                        throw;
                    }

                    GraphLog.FallingBack(_logger, mode.ToString(), next.Value.ToString(), $"{e.Reason}: {e.Message}");
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            facts.Insert(0, new("mode", _selector.Current.ToString().ToLowerInvariant()));
            return new SourcePullOutcome(PullStopReason.MaxDuration, facts);
        }
    }

    public ValueTask DisposeAsync()
    {
        _clients.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<List<StreamResult>> PullModeAsync(ApiMode mode, EventPipeline pipeline, List<KeyValuePair<string, string>> facts, CancellationToken cancellationToken)
    {
        var initial = _time.GetUtcNow() - _options.InitialLookback;
        var results = new List<StreamResult>();
        if (mode == ApiMode.Graph)
        {
            var incidents = new GraphIncidentStream(_clients.Graph, _options, _logger);
            results.Add(await StreamPuller.RunAsync(incidents, pipeline, initial, null, _options.Overlap, cancellationToken).ConfigureAwait(false));
            if (incidents.ExpandDegraded)
            {
                facts.Add(new("incidents.expand", "degraded"));
            }

            if (_options.PullAlerts)
            {
                results.Add(await StreamPuller.RunAsync(new GraphAlertStream(_clients.Graph, _options), pipeline, initial, null, _options.Overlap, cancellationToken).ConfigureAwait(false));
            }

            return results;
        }

        GraphLog.LegacyDeprecated(_logger, mode.ToString());
        facts.Add(new("deprecated", mode == ApiMode.Siem ? "retired API" : "retires 2027-02-01"));
        var client = _clients.Legacy(mode);
        var stream = new LegacyStream(client, _options.TenantId, _options.ClientId, _options.LegacyPageSize);

        // Start no earlier than Graph got to: whatever Graph delivered need not be repeated.
        var graphKey = mode == ApiMode.M365d ? new GraphIncidentStream(_clients.Graph, _options, _logger).CursorKey : new GraphAlertStream(_clients.Graph, _options).CursorKey;
        var graphCursor = await pipeline.State.GetCursorAsync(graphKey, cancellationToken).ConfigureAwait(false);
        DateTimeOffset? floor = graphCursor is null ? null : StreamCursor.Parse(graphCursor, initial).Watermark;
        results.Add(await StreamPuller.RunAsync(stream, pipeline, initial, floor, _options.Overlap, cancellationToken).ConfigureAwait(false));
        return results;
    }

    private async Task ProbePrimaryAsync(CancellationToken cancellationToken)
    {
        var primary = _selector.Primary;
        try
        {
            await CheckAsync(primary, cancellationToken).ConfigureAwait(false);
            GraphLog.PrimaryResumed(_logger, primary.ToString(), _selector.Current.ToString());
            _selector.PrimaryRecovered();
        }
        catch (GraphSourceException e)
        {
            _selector.PrimaryStillDown();
            GraphLog.PrimaryStillDown(_logger, primary.ToString(), e.Reason.ToString(), _options.PrimaryProbeInterval.TotalMinutes);
        }
    }

    /// <summary>One cheap request per stream of <paramref name="mode"/>: proves token, permission and service.</summary>
    internal async Task CheckAsync(ApiMode mode, CancellationToken cancellationToken)
    {
        var since = _time.GetUtcNow() - _options.InitialLookback;
        if (mode == ApiMode.Graph)
        {
            await _clients.Graph.IncidentsAsync(since, 1, false, false, cancellationToken).ConfigureAwait(false);
            if (_options.PullAlerts)
            {
                await _clients.Graph.AlertsAsync(since, 1, false, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var stream = new LegacyStream(_clients.Legacy(mode), _options.TenantId, _options.ClientId, 1);
        await stream.FirstPageAsync(since, cancellationToken).ConfigureAwait(false);
    }

    private void LogModeOnce(ApiMode mode)
    {
        if (_loggedMode != mode)
        {
            GraphLog.ModeActive(_logger, mode.ToString().ToLowerInvariant());
            _loggedMode = mode;
        }
    }
}
