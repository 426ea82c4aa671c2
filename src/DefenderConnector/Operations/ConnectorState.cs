using DefenderConnector.Abstractions;
using DefenderConnector.Checkpoints;
using DefenderConnector.Configuration;
using DefenderConnector.Pulling;
using DefenderConnector.Sources.EventHub;

namespace DefenderConnector.Operations;

/// <summary>
/// The plugin's <see cref="IConnectorState"/>: reads the state store for <c>status</c> and <c>dead-letters</c>,
/// asks Event Hubs for each partition's tail (without reading or moving anything), and re-drives dead letters
/// through <see cref="DeadLetterRedrive"/>.
/// </summary>
internal sealed class ConnectorState : IConnectorState
{
    /// <summary>How long status waits for a partition's tail before showing it as unreachable.</summary>
    private static readonly TimeSpan TailTimeout = TimeSpan.FromSeconds(20);

    private readonly ConnectorOptions _options;
    private readonly ConnectorContext _context;
    private readonly IStateStore _state;
    private readonly Func<IEventHubTransport>? _transport;

    public ConnectorState(ConnectorOptions options, ConnectorContext context, IStateStore state, Func<IEventHubTransport>? transport)
    {
        _options = options;
        _context = context;
        _state = state;
        _transport = transport;
    }

    public async Task<IReadOnlyList<StreamStatus>> GetStatusAsync(bool readTails, CancellationToken cancellationToken)
    {
        var checkpoints = await _state.ReadCheckpointsAsync(cancellationToken).ConfigureAwait(false);
        var pulls = (await _state.ReadPullsAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(p => p.Source, StringComparer.Ordinal);
        var letters = await _state.ReadStoredDeadLettersAsync(includeDone: false, cancellationToken).ConfigureAwait(false);
        var rows = new List<StreamStatus>();
        await AddRowsAsync(rows, EventHubConstants.SourceName, Sources.Graph.GraphConstants.SourceName, _options.EventHub, _transport, _options.Graph, checkpoints, pulls, letters, readTails, cancellationToken).ConfigureAwait(false);
        foreach (var tenant in _options.Tenants)
        {
            // A tenant's sources are named <tenant>/<kind>; their tails are asked of the tenant's own hub.
            var transport = tenant.EventHub is { } own ? () => (IEventHubTransport)new SdkEventHubTransport(own) : (Func<IEventHubTransport>?)null;
            await AddRowsAsync(
                rows,
                Tenants.TenantConstants.SourceName(tenant.Name, EventHubConstants.SourceName),
                Tenants.TenantConstants.SourceName(tenant.Name, Sources.Graph.GraphConstants.SourceName),
                tenant.EventHub,
                transport,
                tenant.Graph,
                checkpoints,
                pulls,
                letters,
                readTails,
                cancellationToken).ConfigureAwait(false);
        }

        return rows;
    }

    /// <summary>The rows of one hub and one Graph app: the file's top level, or one tenant's.</summary>
    private async Task AddRowsAsync(
        List<StreamStatus> rows,
        string hubSource,
        string graphSource,
        EventHubSourceOptions? eventHub,
        Func<IEventHubTransport>? transport,
        Sources.Graph.GraphSourceOptions? graphOptions,
        IReadOnlyList<Checkpoint> checkpoints,
        Dictionary<string, PullRecord> pulls,
        IReadOnlyList<StoredDeadLetter> letters,
        bool readTails,
        CancellationToken cancellationToken)
    {
        if (eventHub is { } hub)
        {
            (Dictionary<string, long> Tails, string? Problem)? tails = readTails && transport is not null ? await TailsAsync(transport, cancellationToken).ConfigureAwait(false) : null;
            var partitions = checkpoints.Where(c => c.Stream == hub.StreamKey).Select(c => c.Partition)
                .Union(tails?.Tails.Keys ?? Enumerable.Empty<string>(), StringComparer.Ordinal)
                .Union(letters.Where(l => l.Letter.Stream == hub.StreamKey).Select(l => l.Letter.Partition), StringComparer.Ordinal)
                .OrderBy(p => long.TryParse(p, out var n) ? n : long.MaxValue).ThenBy(p => p, StringComparer.Ordinal);
            var before = rows.Count;
            foreach (var partition in partitions)
            {
                var checkpoint = checkpoints.FirstOrDefault(c => c.Stream == hub.StreamKey && c.Partition == partition);
                long? tail = tails is { } known && known.Tails.TryGetValue(partition, out var t) ? t : null;
                long? lag = tail is { } last ? Math.Max(0, last - (checkpoint?.SequenceNumber ?? -1)) : null;
                rows.Add(new StreamStatus(
                    hubSource,
                    hub.StreamKey,
                    partition,
                    checkpoint?.SequenceNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    checkpoint?.UpdatedAt,
                    tail,
                    lag,
                    tails?.Problem,
                    Summary(pulls.GetValueOrDefault(hubSource)),
                    Count(letters.Where(l => l.Letter.Stream == hub.StreamKey && l.Letter.Partition == partition))));
            }

            // A hub that never delivered (a wrong key from the first pull on) still shows its failed pulls.
            if (rows.Count == before && pulls.GetValueOrDefault(hubSource) is { } pulled)
            {
                rows.Add(new StreamStatus(hubSource, hub.StreamKey, "-", null, null, null, null, tails?.Problem, Summary(pulled), new SortedDictionary<string, long>(StringComparer.Ordinal)));
            }
        }

        if (graphOptions is { } graph)
        {
            foreach (var stream in new[] { "incidents", "alerts" })
            {
                var key = $"graph/{graph.TenantId}/{graph.ClientId}/{stream}".ToLowerInvariant();
                var cursor = await _state.GetCursorAsync(key, cancellationToken).ConfigureAwait(false);
                rows.Add(new StreamStatus(
                    graphSource,
                    key,
                    stream,
                    cursor,
                    null,
                    null,
                    null,
                    null,
                    Summary(pulls.GetValueOrDefault(graphSource)),
                    Count(letters.Where(l => l.Letter.Stream == key))));
            }
        }
    }

    public async Task<IReadOnlyList<DeadLetterEntry>> ListDeadLettersAsync(bool includeDone, CancellationToken cancellationToken) =>
        (await _state.ReadStoredDeadLettersAsync(includeDone, cancellationToken).ConfigureAwait(false)).Select(Entry).ToArray();

    public Task<RedriveSummary> RedriveAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken) =>
        new DeadLetterRedrive(_options, _context, _state).RunAsync(ids, cancellationToken);

    public ValueTask DisposeAsync() => _state.DisposeAsync();

    public static DeadLetterEntry Entry(StoredDeadLetter stored)
    {
        var l = stored.Letter;
        return new DeadLetterEntry(stored.Id, l.Source, l.Stream, l.Partition, l.SequenceNumber, l.Offset, l.RecordIndex, l.Reason, l.Detail, l.Raw, l.At, stored.DoneAt);
    }

    private static PullRecordSummary? Summary(PullRecord? record) =>
        record is null ? null : new PullRecordSummary(record.FinishedAt, record.Outcome, record.Error, record.Events, record.DeadLettered);

    private static IReadOnlyDictionary<string, long> Count(IEnumerable<StoredDeadLetter> letters) =>
        new SortedDictionary<string, long>(letters.GroupBy(l => l.Letter.Reason).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>Each partition's last enqueued sequence number, or one line saying why the hub could not be asked.</summary>
    private static async Task<(Dictionary<string, long> Tails, string? Problem)> TailsAsync(Func<IEventHubTransport> factory, CancellationToken cancellationToken)
    {
        var tails = new Dictionary<string, long>(StringComparer.Ordinal);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TailTimeout);
        try
        {
            var transport = factory();
            await using (transport.ConfigureAwait(false))
            {
                var hub = await transport.GetHubPropertiesAsync(timeout.Token).ConfigureAwait(false);
                foreach (var id in hub.PartitionIds)
                {
                    var partition = await transport.GetPartitionPropertiesAsync(id, timeout.Token).ConfigureAwait(false);
                    tails[id] = partition.LastEnqueuedSequenceNumber;
                }
            }

            return (tails, null);
        }
        catch (ConnectorException e)
        {
            return (tails, $"tail unknown: {e.Code}: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (tails, $"tail unknown: Event Hubs did not answer within {TailTimeout.TotalSeconds:0} s");
        }
    }
}
