using DefenderConnector.Abstractions;
using DefenderConnector.Checkpoints;
using DefenderConnector.Configuration;
using DefenderConnector.Encoders;
using DefenderConnector.Pulling;
using DefenderConnector.Sources.EventHub;
using DefenderConnector.Sources.Graph;
using Microsoft.Extensions.Logging;

namespace DefenderConnector;

/// <summary>
/// The connector the host drives: its configured sources, each pulled through the one <see cref="PullEngine"/>.
/// </summary>
internal sealed class DefenderConnectorInstance : IConnector
{
    private readonly Dictionary<string, IPullSource> _sources;
    private readonly PullEngine _engine;
    private readonly CheckpointStore? _store;
    private readonly ILogger _logger;

    public DefenderConnectorInstance(IReadOnlyList<IPullSource> sources, IStateStore state, IEventEncoder encoder, ConnectorContext context, int maxBatchEvents = ConnectorOptions.DefaultMaxBatchEvents)
    {
        _sources = sources.ToDictionary(s => s.Descriptor.Name, StringComparer.OrdinalIgnoreCase);
        Sources = sources.Select(s => s.Descriptor).ToArray();
        _engine = new PullEngine(state, encoder, context, maxBatchEvents);
        _logger = context.LoggerFactory.CreateLogger("DefenderConnector.CheckpointStore");
    }

    private DefenderConnectorInstance(IReadOnlyList<IPullSource> sources, CheckpointStore store, IEventEncoder encoder, ConnectorContext context, int maxBatchEvents)
        : this(sources, store.State, encoder, context, maxBatchEvents)
    {
        _store = store;
    }

    public IReadOnlyList<SourceDescriptor> Sources { get; }

    public static DefenderConnectorInstance Create(ConnectorOptions options, ConnectorContext context)
    {
        var store = options.CheckpointStore.Kind == CheckpointStoreKind.Blob
            ? CheckpointStore.OpenBlob(options.CheckpointStore, context.TimeProvider, context.LoggerFactory)
            : new CheckpointStore(OpenState(options, context.TimeProvider), options.CheckpointStore);
        var sources = Build(options.EventHub, options.EventHubs, options.Graph, options.Storage, store, context, context.Metrics);
        foreach (var tenant in options.Tenants)
        {
            // Each tenant's sources are sources of their own (<tenant>/<kind>): pulled, scheduled, recorded and failed apart.
            var graphMetrics = new Tenants.TenantMetrics(context.Metrics, Tenants.TenantConstants.SourceName(tenant.Name, GraphConstants.SourceName));
            sources.AddRange(Build(tenant.EventHub, tenant.EventHubs, tenant.Graph, tenant.Storage, store, context, graphMetrics).Select(s => new Tenants.TenantSource(tenant, s)));
        }

        return new DefenderConnectorInstance(sources, store, EventEncoders.For(options.OutputFormat, options.EcsOriginal), context, options.MaxBatchEvents);
    }

    /// <summary>The sources of one set of source sections: the file's top level, or one tenant's.</summary>
    /// <param name="graphMetrics">What the Graph source reports its own metrics to (it keeps them across pulls).</param>
    private static List<IPullSource> Build(EventHubSourceOptions? eventHub, IReadOnlyList<KeyValuePair<string, EventHubSourceOptions>> eventHubs, GraphSourceOptions? graph, Sources.Storage.StorageSourceOptions? storage, CheckpointStore store, ConnectorContext context, IConnectorMetrics graphMetrics)
    {
        var sources = new List<IPullSource>();
        if (eventHub is { } configured)
        {
            // Instances sharing a hub read with owner level 0, as Microsoft's processors do: a partition's new
            // owner takes it from the previous one at once (amqp:link:stolen) instead of both reading it.
            var owned = store.Ownership is not null && configured.OwnerLevel is null ? configured with { OwnerLevel = 0 } : configured;
            sources.Add(configured.Transport is EventHubTransportKind.Kafka or EventHubTransportKind.KafkaPlaintext ? new Sources.Kafka.KafkaSource(configured, context.LoggerFactory) : new EventHubReader(
                owned,
                () => new SdkEventHubTransport(owned),
                async ct => await store.ProbeAsync(await new EventHubConnectivityProbe(owned, context.TimeProvider).RunAsync(ct).ConfigureAwait(false), ct).ConfigureAwait(false),
                context.LoggerFactory,
                store,
                context.TimeProvider));
        }

        if (eventHubs.Count > 0)
        {
            var hubs = eventHubs.Select(h =>
            {
                var hub = store.Ownership is not null && h.Value.OwnerLevel is null ? h.Value with { OwnerLevel = 0 } : h.Value;
                return new KeyValuePair<string, IPullSource>(h.Key, hub.Transport is EventHubTransportKind.Kafka or EventHubTransportKind.KafkaPlaintext ? new Sources.Kafka.KafkaSource(hub, context.LoggerFactory) : new EventHubReader(
                    hub,
                    () => new SdkEventHubTransport(hub),
                    async ct => await store.ProbeAsync(await new EventHubConnectivityProbe(hub, context.TimeProvider).RunAsync(ct).ConfigureAwait(false), ct).ConfigureAwait(false),
                    context.LoggerFactory,
                    store,
                    context.TimeProvider));
            }).ToArray();
            sources.Add(new EventHubSetSource(hubs, eventHubs.Select(h => h.Value).ToArray()));
        }

        if (graph is not null)
        {
            sources.Add(new GraphSource(
                graph,
                RequestBudgetRegistry.Shared,
                async (source, ct) => await store.ProbeAsync(await new GraphConnectivityProbe(graph, RequestBudgetRegistry.Shared, context.TimeProvider).RunAsync(source.ActiveMode, ct).ConfigureAwait(false), ct).ConfigureAwait(false),
                context.TimeProvider,
                context.LoggerFactory,
                graphMetrics,
                store.CreateBalancer(GraphConstants.LeaseStream(graph.TenantId), context.TimeProvider, context.LoggerFactory.CreateLogger("DefenderConnector.Balancing"))));
        }

        if (storage is not null)
        {
            sources.Add(new DefenderConnector.Sources.Storage.StorageExportSource(storage, () => DefenderConnector.Sources.Storage.StorageClientFactory.Create(storage), context.LoggerFactory));
        }

        return sources;
    }

    /// <summary>Opens the state database; a lost or unusable one is a settings problem naming <c>state.path</c>.</summary>
    internal static SqliteStateStore OpenState(ConnectorOptions options, TimeProvider time)
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
        catch (ConnectorException e) when (e.Failure == ConnectorFailure.State)
        {
            throw Problem(e.Message["state.path: ".Length..]);
        }
    }

    public Task<ConnectivityReport> TestConnectivityAsync(string source, CancellationToken cancellationToken) =>
        Find(source).TestConnectivityAsync(cancellationToken);

    public async Task<PullSummary> PullAsync(string source, CancellationToken cancellationToken)
    {
        var summary = await _engine.PullAsync(Find(source), cancellationToken).ConfigureAwait(false);
        if (_store is not null && summary.StopReason != nameof(PullStopReason.AlreadyRunning))
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _store.RecordPullAsync(summary, _logger, timeout.Token).ConfigureAwait(false);
        }

        return summary;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var source in _sources.Values)
        {
            await source.DisposeAsync().ConfigureAwait(false);
        }

        await _engine.DisposeAsync().ConfigureAwait(false);
    }

    private IPullSource Find(string source) =>
        _sources.TryGetValue(source, out var found)
            ? found
            : throw new ArgumentException($"No source named '{source}' is configured. Configured: {string.Join(", ", _sources.Keys)}.", nameof(source));
}
