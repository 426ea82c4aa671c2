using DefenderConnector.Abstractions;
using DefenderConnector.Balancing;
using DefenderConnector.Pulling;
using DefenderConnector.Sources.Legacy;
using Microsoft.Extensions.Logging;

namespace DefenderConnector.Sources.Graph;

/// <summary>
/// Pulls Defender XDR incidents and alerts: Graph Security v1.0 first, the legacy APIs when Graph
/// cannot serve (see <see cref="ModeSelector"/>). Each API stream keeps its own cursor, committed with
/// the events it covers, so switching APIs loses nothing. With a shared checkpoint store only the
/// instance holding the poller lease (the one partition of <see cref="GraphConstants.LeaseStream"/>,
/// claimed like an Event Hub partition) polls; the others stand by and take over when it expires.
/// </summary>
internal sealed class GraphSource : IPullSource
{
    private readonly GraphSourceOptions _options;
    private readonly ApiClientSet _clients;
    private readonly ModeSelector _selector;
    private readonly Func<CancellationToken, Task<ConnectivityReport>> _probe;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PartitionBalancer? _lease;
    private ApiMode? _loggedMode;

    private readonly IConnectorMetrics _metrics;

    public GraphSource(GraphSourceOptions options, RequestBudgetRegistry budgets, Func<GraphSource, CancellationToken, Task<ConnectivityReport>> probe, TimeProvider time, ILoggerFactory loggerFactory, IConnectorMetrics? metrics = null, PartitionBalancer? lease = null)
    {
        _lease = lease;
        _options = options;
        _metrics = metrics ?? NullConnectorMetrics.Instance;
        _time = time;
        _logger = loggerFactory.CreateLogger("DefenderConnector.Graph");
        _clients = new ApiClientSet(options, budgets, time, _logger, options.MaxRetries, _metrics);
        _selector = new ModeSelector(options, time);
        _probe = ct => probe(this, ct);
        Descriptor = new SourceDescriptor(GraphConstants.SourceName, options.Describe(), options.PullInterval);
    }

    public SourceDescriptor Descriptor { get; }

    /// <summary>The API the next pull will read (test-connectivity reports it).</summary>
    public ApiMode ActiveMode => _selector.Current;

    public string? FallbackReason => _selector.FallbackReason;

    /// <summary>Graph has no event limit per pull: its streams are small and read to their end.</summary>
    public long MaxEventsPerPull => long.MaxValue;

    public TimeSpan MaxPullDuration => _options.MaxPullDuration;

    public Task<ConnectivityReport> TestConnectivityAsync(CancellationToken cancellationToken) => _probe(cancellationToken);

    public async Task<SourcePullOutcome> PullAsync(PullRun run, CancellationToken cancellationToken)
    {
        var facts = new List<KeyValuePair<string, string>>();
        if (_lease is { } lease)
        {
            string[] poller = [GraphConstants.LeasePartition];
            lease.Start(poller);
            await lease.CycleAsync(poller, cancellationToken).ConfigureAwait(false);
            if (!lease.Owned.Contains(GraphConstants.LeasePartition))
            {
                return new SourcePullOutcome(PullStopReason.CaughtUp, [new("lease", $"held by another instance: this one ({lease.OwnerId}) stands by and polls when that lease expires")]);
            }

            facts.Add(new("lease", $"held by this instance ({lease.OwnerId})"));
        }

        // Cut short by the pull's duration, the summary still shows the mode and what each stream read.
        run.ReportFacts(() => [new("mode", _selector.Current.ToString().ToLowerInvariant()), .. facts]);
        if (_selector.PrimaryProbeDue)
        {
            await ProbePrimaryAsync(cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            var mode = _selector.Current;
            LogModeOnce(mode);
            RecordMode(mode);
            try
            {
                var pulled = await PullModeAsync(mode, run, facts, cancellationToken).ConfigureAwait(false);
                if (pulled.Failures.Count == 0)
                {
                    _selector.Succeeded();
                }
                else if (_selector.Failed(pulled.Failures[0].Failure) is { } fallback)
                {
                    // One stream keeps failing: the circuit opens as when the whole API fails, and the
                    // next API reads in the same pull. What the other streams delivered stays delivered.
                    var first = pulled.Failures[0].Failure;
                    GraphLog.FallingBack(_logger, mode.ToString(), fallback.ToString(), $"{pulled.Failures[0].Name} stream {first.GraphReason}: {first.Message}");
                    AddStreamFacts(facts, pulled.Results);
                    continue;
                }

                facts.Insert(0, new("mode", mode.ToString().ToLowerInvariant()));
                AddStreamFacts(facts, pulled.Results);

                foreach (var (name, failure) in pulled.Failures)
                {
                    facts.Add(new($"{name}.outcome", "failed"));
                    facts.Add(new($"{name}.error", $"{failure.GraphReason}: {failure.Message}"));
                }

                if (_selector.FallbackReason is { } why)
                {
                    facts.Add(new("fallbackReason", why));
                }

                if (pulled.Failures.Count > 0)
                {
                    var error = string.Join("; ", pulled.Failures.Select(f => $"{f.Name} stream {f.Failure.GraphReason}: {f.Failure.Message}"));
                    return new SourcePullOutcome(PullStopReason.Failed, facts, error);
                }

                return new SourcePullOutcome(PullStopReason.CaughtUp, facts);
            }
            catch (ConnectorException e) when (e.IsGraph)
            {
                var next = _selector.Failed(e);
                if (next is null)
                {
                    throw;
                }

                GraphLog.FallingBack(_logger, mode.ToString(), next.Value.ToString(), $"{e.GraphReason}: {e.Message}");
            }
        }
    }

    /// <summary><c>graph.active_mode</c>: 1 for the API read now, 0 for the others, so a fallback shows on a dashboard.</summary>
    private void RecordMode(ApiMode mode)
    {
        foreach (var each in Enum.GetValues<ApiMode>())
        {
            _metrics.Record("graph.active_mode", each == mode ? 1 : 0, new("source", GraphConstants.SourceName), new("mode", each.ToString().ToLowerInvariant()));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _clients.Dispose();
        if (_lease is { } lease)
        {
            await lease.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<ModePull> PullModeAsync(ApiMode mode, PullRun run, List<KeyValuePair<string, string>> facts, CancellationToken cancellationToken)
    {
        var initial = _time.GetUtcNow() - _options.InitialLookback;
        var pulled = new ModePull();
        if (mode == ApiMode.Graph)
        {
            var incidents = new GraphIncidentStream(_clients.Graph, _options, _logger);
            await RunIsolatedAsync(incidents, run, initial, null, pulled, cancellationToken).ConfigureAwait(false);
            if (incidents.ExpandDegraded)
            {
                facts.Add(new("incidents.expand", "degraded"));
            }

            if (_options.PullAlerts)
            {
                await RunIsolatedAsync(new GraphAlertStream(_clients.Graph, _options), run, initial, null, pulled, cancellationToken).ConfigureAwait(false);
            }

            // Nothing was read at all: let the mode selector see the failure (retry, circuit, fallback).
            if (pulled.Results.Count == 0 && pulled.Failures.Count > 0)
            {
                throw pulled.Failures[0].Failure;
            }

            return pulled;
        }

        GraphLog.LegacyDeprecated(_logger, mode.ToString());
        facts.Add(new("deprecated", mode == ApiMode.Siem ? "retired API" : "retires 2027-02-01"));
        var client = _clients.Legacy(mode);
        var stream = new LegacyStream(client, _options.TenantId, _options.ClientId, _options.LegacyPageSize);

        // Start no earlier than Graph got to: whatever Graph delivered need not be repeated.
        var graphKey = mode == ApiMode.M365d ? new GraphIncidentStream(_clients.Graph, _options, _logger).CursorKey : new GraphAlertStream(_clients.Graph, _options).CursorKey;
        var graphCursor = await run.State.GetCursorAsync(graphKey, cancellationToken).ConfigureAwait(false);
        DateTimeOffset? floor = graphCursor is null ? null : StreamCursor.Parse(graphCursor, initial).Watermark;
        pulled.Results.Add(await ReadStreamAsync(stream, run, initial, floor, cancellationToken).ConfigureAwait(false));
        return pulled;
    }

    private void AddStreamFacts(List<KeyValuePair<string, string>> facts, List<StreamResult> results)
    {
        foreach (var r in results)
        {
            facts.Add(new(r.Name, r.Emitted.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            facts.Add(new($"{r.Name}.duplicates", r.Duplicates.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            facts.Add(new($"{r.Name}.outcome", "ok"));
            foreach (var tie in r.TieOverflows)
            {
                facts.Add(new($"{r.Name}.tieOverflow", ApiItemReader.Stamp(tie)));
                GraphLog.TieOverflow(_logger, r.Name, ApiItemReader.Stamp(tie));
            }

            GraphLog.StreamRead(_logger, $"{_selector.Current}/{r.Name}", r.Pages, r.Emitted, r.Duplicates, ApiItemReader.Stamp(r.Watermark));
        }
    }

    /// <summary>
    /// Runs one Graph stream so that a failure of its own (5xx, throttling, a bad answer) does not stop the
    /// other stream; failures every stream would share (network, TLS, credentials, permissions) end the pull
    /// at once, so the mode selector can act on them.
    /// </summary>
    private async Task RunIsolatedAsync(IApiStream stream, PullRun run, DateTimeOffset initial, DateTimeOffset? floor, ModePull pulled, CancellationToken cancellationToken)
    {
        try
        {
            pulled.Results.Add(await ReadStreamAsync(stream, run, initial, floor, cancellationToken).ConfigureAwait(false));
        }
        catch (ConnectorException e) when (e.IsGraph && IsStreamLocal(e))
        {
            GraphLog.StreamFailed(_logger, stream.Name, e.GraphReason, e.Message);
            pulled.Failures.Add((stream.Name, e));
        }
    }

    /// <summary>Reads one stream through the pull engine, from its cursor up to its end (or the pull's duration).</summary>
    private async Task<StreamResult> ReadStreamAsync(IApiStream stream, PullRun run, DateTimeOffset initial, DateTimeOffset? floor, CancellationToken cancellationToken)
    {
        var reader = new ApiStreamReader(stream, initial, floor, _options.Overlap);
        await using (reader.ConfigureAwait(false))
        {
            await run.ReadAsync(reader, stream.CursorKey, cancellationToken).ConfigureAwait(false);
            return reader.Result;
        }
    }

    internal static bool IsStreamLocal(ConnectorException failure) => failure.GraphReason is
        GraphFailureReason.ServiceError or GraphFailureReason.Throttled or GraphFailureReason.Malformed or GraphFailureReason.Unknown;

    private async Task ProbePrimaryAsync(CancellationToken cancellationToken)
    {
        var primary = _selector.Primary;
        try
        {
            await CheckAsync(primary, cancellationToken).ConfigureAwait(false);
            GraphLog.PrimaryResumed(_logger, primary.ToString(), _selector.Current.ToString());
            _selector.PrimaryRecovered();
        }
        catch (ConnectorException e) when (e.IsGraph)
        {
            _selector.PrimaryStillDown();
            GraphLog.PrimaryStillDown(_logger, primary.ToString(), e.GraphReason.ToString(), _options.PrimaryProbeInterval.TotalMinutes);
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
        await stream.QueryAsync(new KeysetPosition(since), cancellationToken).ConfigureAwait(false);
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
