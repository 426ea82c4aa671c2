using DefenderConnector.Abstractions;
using DefenderConnector.Checkpoints;
using DefenderConnector.Configuration;
using DefenderConnector.Encoders;
using DefenderConnector.Pulling;
using DefenderConnector.Sources.EventHub;
using DefenderConnector.Sources.Graph;

namespace DefenderConnector;

/// <summary>
/// The connector the host drives: its configured sources, each pulled through the one <see cref="PullEngine"/>.
/// </summary>
internal sealed class DefenderConnectorInstance : IConnector
{
    private readonly Dictionary<string, IPullSource> _sources;
    private readonly PullEngine _engine;

    public DefenderConnectorInstance(IReadOnlyList<IPullSource> sources, IStateStore state, IEventEncoder encoder, ConnectorContext context, int maxBatchEvents = ConnectorOptions.DefaultMaxBatchEvents)
    {
        _sources = sources.ToDictionary(s => s.Descriptor.Name, StringComparer.OrdinalIgnoreCase);
        Sources = sources.Select(s => s.Descriptor).ToArray();
        _engine = new PullEngine(state, encoder, context, maxBatchEvents);
    }

    public IReadOnlyList<SourceDescriptor> Sources { get; }

    public static DefenderConnectorInstance Create(ConnectorOptions options, ConnectorContext context)
    {
        var sources = new List<IPullSource>();
        if (options.EventHub is { } eventHub)
        {
            sources.Add(new EventHubReader(
                eventHub,
                () => new SdkEventHubTransport(eventHub),
                ct => new EventHubConnectivityProbe(eventHub, context.TimeProvider).RunAsync(ct),
                context.LoggerFactory));
        }

        if (options.EventHubs.Count > 0)
        {
            var hubs = options.EventHubs.Select(h => new KeyValuePair<string, IPullSource>(h.Key, new EventHubReader(
                h.Value,
                () => new SdkEventHubTransport(h.Value),
                ct => new EventHubConnectivityProbe(h.Value, context.TimeProvider).RunAsync(ct),
                context.LoggerFactory))).ToArray();
            sources.Add(new EventHubSetSource(hubs, options.EventHubs.Select(h => h.Value).ToArray()));
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

        if (options.Storage is { } storage)
        {
            sources.Add(new DefenderConnector.Sources.Storage.StorageExportSource(storage, () => DefenderConnector.Sources.Storage.StorageClientFactory.Create(storage), context.LoggerFactory));
        }

        var state = OpenState(options, context.TimeProvider);
        return new DefenderConnectorInstance(sources, state, EventEncoders.For(options.OutputFormat, options.EcsOriginal), context, options.MaxBatchEvents);
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
        catch (ConnectorException e) when (e.Failure == ConnectorFailure.State)
        {
            throw Problem(e.Message["state.path: ".Length..]);
        }
    }

    public Task<ConnectivityReport> TestConnectivityAsync(string source, CancellationToken cancellationToken) =>
        Find(source).TestConnectivityAsync(cancellationToken);

    public Task<PullSummary> PullAsync(string source, CancellationToken cancellationToken) =>
        _engine.PullAsync(Find(source), cancellationToken);

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
