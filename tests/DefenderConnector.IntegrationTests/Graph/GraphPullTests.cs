using DefenderConnector.Emulator.Http;
using DefenderConnector.Mapping;
using DefenderConnector.Sources.Graph;

namespace DefenderConnector.IntegrationTests.Graph;

/// <summary>Incremental Graph pulls against the HTTPS stand-ins, through the real Graph SDK and MSAL.</summary>
public sealed class GraphPullTests
{
    private static readonly DateTimeOffset T0 = GraphTestbed.Start;

    internal static string Uid(RecordKind kind, string id, DateTimeOffset lastUpdate) => EventUid.ForApiObject(kind, id, ApiItemReader.Stamp(lastUpdate));

    [Fact]
    public async Task Pulls_incrementally_across_restarts_without_gap_or_duplicate()
    {
        await using var tb = await GraphTestbed.StartAsync();
        tb.GrantGraphRoles();
        var expected = new List<string>();
        for (var i = 1; i <= 20; i++)
        {
            var at = T0.AddHours(-10).AddMinutes(i * 20);
            tb.Emulator.Data.UpsertIncident($"{i}", at);
            tb.Emulator.Data.UpsertAlert($"da{i}", $"{i}", at);
            expected.Add(Uid(RecordKind.GraphIncident, $"{i}", at));
            expected.Add(Uid(RecordKind.GraphAlert, $"da{i}", at));
        }

        tb.Emulator.Data.UpsertIncident("900", T0.AddHours(-30)); // older than the 24 h first-run look-back
        await using (var connector = tb.CreateConnector())
        {
            var summary = await connector.PullAsync("graph", CancellationToken.None);
            Assert.Equal("CaughtUp", summary.StopReason);
            Assert.Null(summary.Error);
            Assert.Contains(new KeyValuePair<string, string>("mode", "graph"), summary.Facts);
        }

        Assert.Equal(expected.Order(), tb.Sink.Uids.Order());

        // While the connector was down: one incident indexed late (behind the watermark, inside the
        // overlap window) and one new. A new instance on the same state must deliver both, and nothing else.
        var watermark = T0.AddHours(-10).AddMinutes(400);
        tb.Emulator.Data.UpsertIncident("21", watermark.AddMinutes(-1));
        tb.Emulator.Data.UpsertIncident("22", T0.AddMinutes(5));
        tb.Clock.Advance(TimeSpan.FromMinutes(10));
        tb.Sink.Clear();
        await using (var connector = tb.CreateConnector())
        {
            var summary = await connector.PullAsync("graph", CancellationToken.None);
            Assert.Equal("CaughtUp", summary.StopReason);
            Assert.Contains(new KeyValuePair<string, string>("incidents", "2"), summary.Facts);
            Assert.Contains(summary.Facts, f => f.Key == "incidents.duplicates" && f.Value != "0");
        }

        Assert.Equal(new[] { Uid(RecordKind.GraphIncident, "21", watermark.AddMinutes(-1)), Uid(RecordKind.GraphIncident, "22", T0.AddMinutes(5)) }.Order(), tb.Sink.Uids.Order());
        Assert.DoesNotContain(tb.Logs.Lines, l => l.Contains(tb.Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_updated_incident_is_emitted_again_once_as_a_new_version()
    {
        await using var tb = await GraphTestbed.StartAsync();
        tb.GrantGraphRoles();
        for (var i = 1; i <= 5; i++)
        {
            tb.Emulator.Data.UpsertIncident($"{i}", T0.AddHours(-i));
        }

        await using var connector = tb.CreateConnector(g => g["pullAlerts"] = false);
        await connector.PullAsync("graph", CancellationToken.None);
        Assert.Equal(5, tb.Sink.Events.Count);

        tb.Emulator.Data.UpsertIncident("3", T0.AddMinutes(1), status: "resolved");
        tb.Clock.Advance(TimeSpan.FromMinutes(5));
        tb.Sink.Clear();
        await connector.PullAsync("graph", CancellationToken.None);
        Assert.Equal([Uid(RecordKind.GraphIncident, "3", T0.AddMinutes(1))], tb.Sink.Uids);
        Assert.NotEqual(Uid(RecordKind.GraphIncident, "3", T0.AddHours(-3)), tb.Sink.Uids[0]);

        tb.Clock.Advance(TimeSpan.FromMinutes(5));
        tb.Sink.Clear();
        await connector.PullAsync("graph", CancellationToken.None);
        Assert.Empty(tb.Sink.Events);
    }

    [Fact]
    public async Task Pages_through_5000_alerts_without_passing_the_skip_limit()
    {
        await using var tb = await GraphTestbed.StartAsync();
        tb.GrantGraphRoles();
        for (var i = 0; i < 5000; i++)
        {
            tb.Emulator.Data.UpsertAlert($"a{i:D5}", null, T0.AddHours(-5).AddSeconds(i * 3));
        }

        await using var connector = tb.CreateConnector(g => g["alertsPageSize"] = 500);
        var summary = await connector.PullAsync("graph", CancellationToken.None);

        Assert.Equal("CaughtUp", summary.StopReason);
        Assert.Equal(5000, tb.Sink.Uids.Distinct().Count());
        Assert.Equal(5000, tb.Sink.Events.Count);
        var alertRequests = tb.Emulator.Requests.Entries.Where(e => e.Route == EmulatedRoute.GraphAlerts).ToList();
        Assert.All(alertRequests, e => Assert.Equal(200, e.Status));

        // Next links up to $skip=500 are followed; beyond that the boundary moves to the newest update time.
        Assert.Contains(alertRequests, e => e.Query.Contains("$skip=500", StringComparison.Ordinal));
        Assert.DoesNotContain(alertRequests, e => e.Query.Contains("$skip=1000", StringComparison.Ordinal));
        Assert.True(alertRequests.Count <= 12, $"{alertRequests.Count} requests for 10 pages");
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_obeyed_on_the_fake_clock()
    {
        await using var tb = await GraphTestbed.StartAsync();
        tb.GrantGraphRoles();
        tb.Emulator.Data.UpsertIncident("1", T0.AddHours(-1));
        tb.Emulator.Faults.Enqueue(EmulatedRoute.GraphIncidents, new ScriptedFault(429, RetryAfterSeconds: 7));

        await using var connector = tb.CreateConnector();
        var summary = await connector.PullAsync("graph", CancellationToken.None);

        Assert.Equal("CaughtUp", summary.StopReason);
        Assert.Contains(TimeSpan.FromSeconds(7), tb.Clock.Delays);
        Assert.Equal(1, tb.Emulator.Requests.Count(EmulatedRoute.GraphIncidents, 429));
        Assert.Equal(1, tb.Emulator.Requests.Count(EmulatedRoute.GraphIncidents, 200));
        Assert.Equal([Uid(RecordKind.GraphIncident, "1", T0.AddHours(-1))], tb.Sink.Uids);
    }

    [Fact]
    public async Task Repeated_5xx_on_expand_degrades_to_alerts_by_incident_id()
    {
        await using var tb = await GraphTestbed.StartAsync();
        tb.GrantGraphRoles();
        for (var i = 1; i <= 3; i++)
        {
            tb.Emulator.Data.UpsertIncident($"{i}", T0.AddHours(-i));
            tb.Emulator.Data.UpsertAlert($"x{i}", $"{i}", T0.AddHours(-i));
            tb.Emulator.Data.UpsertAlert($"y{i}", $"{i}", T0.AddHours(-i));
        }

        // maxRetries 1 and expandFailures 2: two exhausted attempts of two requests each.
        tb.Emulator.Faults.Repeat(EmulatedRoute.GraphIncidents, new ScriptedFault(500, QueryContains: "expand"), 4);
        await using var connector = tb.CreateConnector(g =>
        {
            g["maxRetries"] = 1;
            g["expandFailures"] = 2;
        });
        var summary = await connector.PullAsync("graph", CancellationToken.None);

        Assert.Equal("CaughtUp", summary.StopReason);
        Assert.Contains(new KeyValuePair<string, string>("incidents.expand", "degraded"), summary.Facts);
        Assert.Equal(0, tb.Emulator.Faults.Pending(EmulatedRoute.GraphIncidents));
        var byIncident = tb.Emulator.Requests.Entries.Where(e => e.Route == EmulatedRoute.GraphAlerts && e.Query.Contains("incidentId eq", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, byIncident.Count);
        Assert.Contains(new KeyValuePair<string, string>("incidents", "3"), summary.Facts);
        Assert.Contains(new KeyValuePair<string, string>("alerts", "6"), summary.Facts);
    }

    [Fact]
    public async Task The_shared_request_budget_spaces_requests_on_the_fake_clock()
    {
        await using var tb = await GraphTestbed.StartAsync();
        tb.GrantGraphRoles();
        for (var i = 0; i < 50; i++)
        {
            tb.Emulator.Data.UpsertAlert($"a{i:D3}", null, T0.AddHours(-2).AddSeconds(i));
        }

        // 3 Graph requests a minute: the 1 incidents request and the first 2 of 5 alert pages go at
        // once, the other 3 and the query after the last full page wait 20 s each for a token.
        await using var connector = tb.CreateConnector(g =>
        {
            g["alertsPageSize"] = 10;
            g["budgets"] = new System.Text.Json.Nodes.JsonObject { ["graphPerMinute"] = 3 };
        });
        var summary = await connector.PullAsync("graph", CancellationToken.None);

        Assert.Equal("CaughtUp", summary.StopReason);
        Assert.Equal(50, tb.Sink.Events.Count);
        Assert.Equal(7, tb.Emulator.Requests.Entries.Count(e => e.Route is EmulatedRoute.GraphIncidents or EmulatedRoute.GraphAlerts));
        Assert.Equal(4, tb.Clock.Delays.Count(d => d == TimeSpan.FromSeconds(20)));
        Assert.True(tb.Clock.GetUtcNow() - T0 >= TimeSpan.FromSeconds(60));
    }
}
