using DefenderConnector.Emulator.Http;
using DefenderConnector.Mapping;

namespace DefenderConnector.IntegrationTests.Graph;

/// <summary>Automatic fallback to the legacy APIs and the return to Graph, and the pinned legacy modes.</summary>
public sealed class FallbackTests
{
    private static readonly DateTimeOffset T0 = GraphTestbed.Start;

    [Fact]
    public async Task Falls_back_to_m365d_on_403_and_returns_to_graph_when_it_recovers()
    {
        await using var tb = await GraphTestbed.StartAsync();
        tb.App.Grant("Incident.Read.All", "Alert.Read.All"); // legacy roles only: Graph answers 403
        for (var i = 1; i <= 5; i++)
        {
            tb.Emulator.Data.UpsertIncident($"{i}", T0.AddHours(-i));
            tb.Emulator.Data.UpsertAlert($"a{i}", $"{i}", T0.AddHours(-i));
        }

        await using var connector = tb.CreateConnector(g => g["primaryProbeInterval"] = "30m");
        var first = await connector.PullAsync("graph", CancellationToken.None);
        Assert.Equal("CaughtUp", first.StopReason);
        Assert.Contains(new KeyValuePair<string, string>("mode", "m365d"), first.Facts);
        Assert.Contains(first.Facts, f => f.Key == "fallbackReason" && f.Value.StartsWith("MissingPermission", StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => GraphPullTests.Uid(RecordKind.LegacyIncident, $"{i}", T0.AddHours(-i))).Order(), tb.Sink.Uids.Order());

        // Graph is fixed, but the primary is not probed again before the interval: the legacy cursor goes on.
        tb.GrantGraphRoles();
        tb.Emulator.Data.UpsertIncident("6", T0.AddMinutes(2));
        tb.Clock.Advance(TimeSpan.FromMinutes(5));
        tb.Sink.Clear();
        var graphCalls = tb.Emulator.Requests.Count(EmulatedRoute.GraphIncidents);
        var second = await connector.PullAsync("graph", CancellationToken.None);
        Assert.Contains(new KeyValuePair<string, string>("mode", "m365d"), second.Facts);
        Assert.Equal(graphCalls, tb.Emulator.Requests.Count(EmulatedRoute.GraphIncidents));
        Assert.Equal([GraphPullTests.Uid(RecordKind.LegacyIncident, "6", T0.AddMinutes(2))], tb.Sink.Uids);

        tb.Clock.Advance(TimeSpan.FromMinutes(30));
        tb.Sink.Clear();
        var third = await connector.PullAsync("graph", CancellationToken.None);
        Assert.Contains(new KeyValuePair<string, string>("mode", "graph"), third.Facts);
        Assert.DoesNotContain(third.Facts, f => f.Key == "fallbackReason");
        Assert.Contains(GraphPullTests.Uid(RecordKind.GraphIncident, "6", T0.AddMinutes(2)), tb.Sink.Uids);
    }

    [Fact]
    public async Task Falls_through_to_mde_when_the_incidents_api_is_also_forbidden()
    {
        await using var tb = await GraphTestbed.StartAsync();
        tb.App.Grant("Alert.Read.All");
        tb.Emulator.Data.UpsertAlert("a1", "1", T0.AddHours(-1));

        await using var connector = tb.CreateConnector();
        var summary = await connector.PullAsync("graph", CancellationToken.None);

        Assert.Contains(new KeyValuePair<string, string>("mode", "mde"), summary.Facts);
        Assert.Equal([GraphPullTests.Uid(RecordKind.LegacyEndpointAlert, "a1", T0.AddHours(-1))], tb.Sink.Uids);
    }

    [Fact]
    public async Task Pinned_m365d_walks_more_than_a_page_including_ties_without_a_growing_skip()
    {
        await using var tb = await GraphTestbed.StartAsync();
        tb.App.Grant("Incident.Read.All");
        var expected = new List<string>();
        for (var i = 1; i <= 35; i++)
        {
            // Groups of 12 share one timestamp, more than a page of 10.
            var at = T0.AddHours(-3).AddMinutes(i / 12);
            tb.Emulator.Data.UpsertIncident($"{i}", at);
            expected.Add(GraphPullTests.Uid(RecordKind.LegacyIncident, $"{i}", at));
        }

        await using var connector = tb.CreateConnector(g =>
        {
            g["mode"] = "m365d";
            g["legacyPageSize"] = 10;
        });
        var summary = await connector.PullAsync("graph", CancellationToken.None);

        Assert.Contains(new KeyValuePair<string, string>("mode", "m365d"), summary.Facts);
        Assert.Equal(expected.Order(), tb.Sink.Uids.Order());
        Assert.Equal(0, tb.Emulator.Requests.Count(EmulatedRoute.GraphIncidents));
        Assert.All(tb.Emulator.Requests.Entries.Where(e => e.Route == EmulatedRoute.M365dIncidents), e => Assert.DoesNotMatch(@"\$skip=([2-9]\d|\d{3,})", e.Query));
    }

    [Fact]
    public async Task Pinned_siem_reads_the_bare_array_api()
    {
        await using var tb = await GraphTestbed.StartAsync();
        tb.Emulator.Data.UpsertAlert("s1", null, T0.AddHours(-2));
        tb.Emulator.Data.UpsertAlert("s2", null, T0.AddHours(-1));

        await using var connector = tb.CreateConnector(g => g["mode"] = "siem");
        var summary = await connector.PullAsync("graph", CancellationToken.None);
        await connector.PullAsync("graph", CancellationToken.None);

        Assert.Contains(new KeyValuePair<string, string>("mode", "siem"), summary.Facts);
        Assert.Equal(new[] { GraphPullTests.Uid(RecordKind.LegacySiemAlert, "s1", T0.AddHours(-2)), GraphPullTests.Uid(RecordKind.LegacySiemAlert, "s2", T0.AddHours(-1)) }.Order(), tb.Sink.Uids.Order());
    }

    [Fact]
    public async Task Pinned_graph_does_not_fall_back_and_reports_the_failure()
    {
        await using var tb = await GraphTestbed.StartAsync();
        tb.App.Grant("Incident.Read.All");

        await using var connector = tb.CreateConnector(g => g["mode"] = "graph");
        var summary = await connector.PullAsync("graph", CancellationToken.None);

        Assert.Equal("Failed", summary.StopReason);
        Assert.StartsWith("MissingPermission", summary.Error, StringComparison.Ordinal);
        Assert.Equal(0, tb.Emulator.Requests.Count(EmulatedRoute.M365dIncidents));
    }

    [Fact]
    public async Task Repeated_service_failures_open_the_circuit_and_fall_back()
    {
        await using var tb = await GraphTestbed.StartAsync();
        tb.GrantGraphRoles().App.Grant("Incident.Read.All");
        tb.Emulator.Data.UpsertIncident("1", T0.AddHours(-1));
        tb.Emulator.Faults.Repeat(EmulatedRoute.GraphIncidents, new ScriptedFault(500), 100);

        await using var connector = tb.CreateConnector(g =>
        {
            g["maxRetries"] = 0;
            g["circuitFailures"] = 2;
        });
        var first = await connector.PullAsync("graph", CancellationToken.None);
        var second = await connector.PullAsync("graph", CancellationToken.None);

        Assert.Equal("Failed", first.StopReason);
        Assert.StartsWith("incidents stream ServiceError", first.Error, StringComparison.Ordinal);
        Assert.Contains(new KeyValuePair<string, string>("mode", "graph"), first.Facts);
        Assert.Contains(new KeyValuePair<string, string>("incidents.outcome", "failed"), first.Facts);
        Assert.Contains(new KeyValuePair<string, string>("alerts.outcome", "ok"), first.Facts);
        Assert.Equal("CaughtUp", second.StopReason);
        Assert.Contains(new KeyValuePair<string, string>("mode", "m365d"), second.Facts);
        Assert.Contains(second.Facts, f => f.Key == "fallbackReason" && f.Value.StartsWith("ServiceError", StringComparison.Ordinal));
        Assert.Equal([GraphPullTests.Uid(RecordKind.LegacyIncident, "1", T0.AddHours(-1))], tb.Sink.Uids);
    }

    [Fact]
    public async Task A_cloud_without_graph_incidents_starts_on_the_legacy_api()
    {
        await using var tb = await GraphTestbed.StartAsync();
        tb.GrantGraphRoles().App.Grant("Incident.Read.All");
        tb.Emulator.Data.UpsertIncident("1", T0.AddHours(-1));

        await using var connector = tb.CreateConnector(g => g["cloud"] = "China");
        var summary = await connector.PullAsync("graph", CancellationToken.None);

        Assert.Contains(new KeyValuePair<string, string>("mode", "m365d"), summary.Facts);
        Assert.Equal(0, tb.Emulator.Requests.Count(EmulatedRoute.GraphIncidents));
        Assert.Single(tb.Sink.Events);
    }
}
