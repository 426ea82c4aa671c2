using System.Globalization;
using DefenderConnector.Abstractions;
using DefenderConnector.Pulling;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// Several hubs (<c>eventHubs</c>) as one source, <c>eventhubs</c>: every hub is pulled at the same time within
/// one budget (the sum of the hubs' <c>maxEventsPerPull</c>, the longest <c>maxPullDuration</c>), each with its own
/// credentials, consumer group and checkpoints. One hub's failure does not stop the others: the pull ends
/// <c>Failed</c> naming the hub, and what the others delivered is committed.
/// </summary>
internal sealed class EventHubSetSource : IPullSource
{
    public const string SourceName = "eventhubs";

    private readonly IReadOnlyList<KeyValuePair<string, IPullSource>> _hubs;

    public EventHubSetSource(IReadOnlyList<KeyValuePair<string, IPullSource>> hubs, IReadOnlyList<EventHubSourceOptions> options)
    {
        _hubs = hubs;
        MaxEventsPerPull = options.Aggregate(0L, (sum, o) => sum > long.MaxValue - o.MaxEventsPerPull ? long.MaxValue : sum + o.MaxEventsPerPull);
        MaxPullDuration = options.Max(o => o.MaxPullDuration);
        var interval = options.Min(o => o.PullInterval);
        Descriptor = new SourceDescriptor(SourceName, $"{hubs.Count} Event Hubs: {string.Join("; ", hubs.Select(h => $"{h.Key}: {h.Value.Descriptor.DisplayName}"))}", interval);
    }

    public SourceDescriptor Descriptor { get; }

    public long MaxEventsPerPull { get; }

    public TimeSpan MaxPullDuration { get; }

    public async Task<ConnectivityReport> TestConnectivityAsync(CancellationToken cancellationToken)
    {
        var reports = await Task.WhenAll(_hubs.Select(h => h.Value.TestConnectivityAsync(cancellationToken))).ConfigureAwait(false);
        var hops = new List<ConnectivityHop>();
        var facts = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < reports.Length; i++)
        {
            var name = _hubs[i].Key;
            hops.AddRange(reports[i].Hops.Select(h => h with { Name = $"{name}: {h.Name}" }));
            facts.AddRange(reports[i].Facts.Select(f => new KeyValuePair<string, string>($"{name}: {f.Key}", f.Value)));
        }

        var failed = reports.Select((r, i) => (Report: r, Name: _hubs[i].Key)).Where(r => !r.Report.Succeeded).ToList();
        return failed.Count == 0
            ? new ConnectivityReport(SourceName, reports.All(r => r.Outcome == "ConnectedNoEvents") ? "ConnectedNoEvents" : "Connected", $"All {reports.Length} hubs connected.", hops, facts)
            : new ConnectivityReport(SourceName, failed[0].Report.Outcome, string.Join(" ", failed.Select(f => $"{f.Name}: {f.Report.Diagnosis}")), hops, facts);
    }

    public async Task<SourcePullOutcome> PullAsync(PullRun run, CancellationToken cancellationToken)
    {
        var outcomes = new SourcePullOutcome?[_hubs.Count];
        var failures = new ConnectorException?[_hubs.Count];
        await Task.WhenAll(_hubs.Select(async (hub, i) =>
        {
            try
            {
                outcomes[i] = await hub.Value.PullAsync(run, cancellationToken).ConfigureAwait(false);
            }
            catch (ConnectorException e) when (e.Failure == ConnectorFailure.EventHub)
            {
                failures[i] = e;
            }
        })).ConfigureAwait(false);

        var facts = new List<KeyValuePair<string, string>> { new("hubs", _hubs.Count.ToString(CultureInfo.InvariantCulture)) };
        for (var i = 0; i < _hubs.Count; i++)
        {
            var name = _hubs[i].Key;
            if (failures[i] is { } failure)
            {
                facts.Add(new($"{name}", $"failed: {failure.Code}: {failure.Message}"));
            }
            else
            {
                facts.AddRange(outcomes[i]!.Facts.Select(f => new KeyValuePair<string, string>($"{name}: {f.Key}", f.Value)));
            }
        }

        var failed = Enumerable.Range(0, _hubs.Count).Where(i => failures[i] is not null).ToList();
        if (failed.Count == _hubs.Count)
        {
            throw failures[0]!;
        }

        if (failed.Count > 0)
        {
            var first = failures[failed[0]]!;
            return new SourcePullOutcome(PullStopReason.Failed, facts, $"{first.Code}: hub {_hubs[failed[0]].Key} ({failed.Count} of {_hubs.Count} failed): {first.Message}");
        }

        return new SourcePullOutcome(outcomes.Any(o => o!.StopReason != PullStopReason.CaughtUp) ? outcomes.First(o => o!.StopReason != PullStopReason.CaughtUp)!.StopReason : PullStopReason.CaughtUp, facts);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var hub in _hubs)
        {
            await hub.Value.DisposeAsync().ConfigureAwait(false);
        }
    }
}
