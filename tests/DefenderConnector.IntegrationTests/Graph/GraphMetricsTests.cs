using System.Collections.Concurrent;
using DefenderConnector.Abstractions;
using DefenderConnector.Emulator.Http;

namespace DefenderConnector.IntegrationTests.Graph;

/// <summary>The Graph source's metrics against the HTTPS stand-ins: requests by status class, 429s, token fetches, the active API mode.</summary>
public sealed class GraphMetricsTests
{
    private static readonly DateTimeOffset T0 = GraphTestbed.Start;

    [Fact]
    public async Task Requests_429s_token_fetches_and_the_active_mode_are_counted()
    {
        await using var tb = await GraphTestbed.StartAsync();
        tb.GrantGraphRoles();
        tb.Emulator.Data.UpsertIncident("1", T0.AddHours(-1));
        tb.Emulator.Faults.Enqueue(EmulatedRoute.GraphIncidents, new ScriptedFault(429, RetryAfterSeconds: 7));
        var metrics = new CollectingMetrics();

        await using var connector = tb.CreateConnector(metrics: metrics);
        var summary = await connector.PullAsync("graph", CancellationToken.None);

        Assert.Equal("CaughtUp", summary.StopReason);
        Assert.Equal(1, metrics.Sum("graph.throttled"));
        Assert.Equal(1, metrics.Sum("graph.requests", "status", "429"));
        Assert.Equal(tb.Emulator.Requests.Entries.Count(e => e.Status is >= 200 and < 300), metrics.Sum("graph.requests", "status", "2xx"));
        Assert.Equal(1, metrics.Sum("auth.token_refreshes"));
        Assert.Equal(1, metrics.Last("graph.active_mode", "mode", "graph"));
        Assert.Equal(0, metrics.Last("graph.active_mode", "mode", "m365d"));
        Assert.Equal(1, metrics.Sum("connector.events_sent", "partition", "incidents"));

        // A second pull reuses the cached token: no new fetch from Entra.
        await connector.PullAsync("graph", CancellationToken.None);
        Assert.Equal(1, metrics.Sum("auth.token_refreshes"));
    }

    [Fact]
    public async Task A_fallback_to_the_legacy_api_shows_in_the_active_mode()
    {
        await using var tb = await GraphTestbed.StartAsync();
        tb.App.Grant("Incident.Read.All", "Alert.Read.All"); // legacy roles only: Graph answers 403
        tb.Emulator.Data.UpsertIncident("1", T0.AddHours(-1));
        var metrics = new CollectingMetrics();

        await using var connector = tb.CreateConnector(g => g["primaryProbeInterval"] = "30m", metrics);
        await connector.PullAsync("graph", CancellationToken.None);

        Assert.Equal(0, metrics.Last("graph.active_mode", "mode", "graph"));
        Assert.Equal(1, metrics.Last("graph.active_mode", "mode", "m365d"));
        Assert.True(metrics.Sum("graph.requests", "status", "4xx") >= 1);
    }

    /// <summary>Keeps every measurement, for assertions.</summary>
    private sealed class CollectingMetrics : IConnectorMetrics
    {
        private readonly ConcurrentQueue<(string Name, double Value, KeyValuePair<string, string>[] Tags)> _seen = new();

        public void Add(string name, long value, params KeyValuePair<string, string>[] tags) => _seen.Enqueue((name, value, [.. tags]));

        public void Record(string name, double value, params KeyValuePair<string, string>[] tags) => _seen.Enqueue((name, value, [.. tags]));

        public double Sum(string name, string? tag = null, string? value = null) =>
            _seen.Where(m => m.Name == name && (tag is null || m.Tags.Contains(new(tag, value!)))).Sum(m => m.Value);

        public double Last(string name, string tag, string value) =>
            _seen.Last(m => m.Name == name && m.Tags.Contains(new(tag, value))).Value;
    }
}
