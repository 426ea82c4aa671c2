using DefenderConnector.Emulator.Http;
using DefenderConnector.Mapping;

namespace DefenderConnector.IntegrationTests.Graph;

/// <summary>
/// Backlogs larger than Graph's <c>$skip</c> limit allows to page through, against the stand-in that
/// enforces it (400 above 500, <c>$top</c> clamped, next links optionally omitted), through the real SDK.
/// </summary>
public sealed class GraphVolumeTests
{
    private static readonly DateTimeOffset T0 = GraphTestbed.Start;

    [Fact]
    public async Task Seven_hundred_incidents_with_three_alerts_each_arrive_in_one_pull()
    {
        await using var tb = await GraphTestbed.StartAsync();
        tb.GrantGraphRoles();
        var expected = new HashSet<string>();
        for (var i = 0; i < 700; i++)
        {
            var at = T0.AddHours(-20).AddSeconds(i * 60);
            tb.Emulator.Data.UpsertIncident($"{i + 1}", at);
            expected.Add(GraphPullTests.Uid(RecordKind.GraphIncident, $"{i + 1}", at));
            for (var a = 0; a < 3; a++)
            {
                tb.Emulator.Data.UpsertAlert($"da{i + 1}-{a}", $"{i + 1}", at);
                expected.Add(GraphPullTests.Uid(RecordKind.GraphAlert, $"da{i + 1}-{a}", at));
            }
        }

        await using var connector = tb.CreateConnector();
        var summary = await connector.PullAsync("graph", CancellationToken.None);

        Assert.True(summary.Error is null, summary.Error);
        Assert.Equal("CaughtUp", summary.StopReason);
        Assert.Equal(expected.Order(), tb.Sink.Uids.Order());
        Assert.Equal(0, tb.Emulator.Requests.Count(EmulatedRoute.GraphIncidents, 400) + tb.Emulator.Requests.Count(EmulatedRoute.GraphAlerts, 400));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Two_thousand_incidents_and_six_thousand_alerts_with_shared_update_times_arrive_once(bool omitNextLinks)
    {
        await using var tb = await GraphTestbed.StartAsync();
        tb.GrantGraphRoles();
        tb.Emulator.Paging.OmitNextLinks = omitNextLinks;
        var expected = new HashSet<string>();
        var start = T0.AddHours(-23);

        // Incidents in groups of 7 sharing one time (groups straddle the 50-item pages), and 120 of them
        // (more than a page) sharing one time, so some pages hold nothing but ties.
        for (var i = 0; i < 2000; i++)
        {
            var at = i is >= 1000 and < 1120 ? start.AddMinutes(500) : start.AddSeconds(i / 7 * 30);
            if (i >= 1120)
            {
                at = start.AddMinutes(501).AddSeconds(i / 7 * 30);
            }

            tb.Emulator.Data.UpsertIncident($"{i + 1}", at);
            expected.Add(GraphPullTests.Uid(RecordKind.GraphIncident, $"{i + 1}", at));
        }

        // Alerts in groups of 37 sharing one time, and 1,400 of them (more than a 1,000-alert page,
        // reachable only with $skip=500) sharing one time.
        for (var i = 0; i < 6000; i++)
        {
            var at = i is >= 3000 and < 4400 ? start.AddMinutes(700) : start.AddSeconds(i / 37 * 20);
            if (i >= 4400)
            {
                at = start.AddMinutes(701).AddSeconds(i / 37 * 20);
            }

            tb.Emulator.Data.UpsertAlert($"a{i:D5}", $"{i / 3 + 1}", at);
            expected.Add(GraphPullTests.Uid(RecordKind.GraphAlert, $"a{i:D5}", at));
        }

        await using var connector = tb.CreateConnector();
        var summary = await connector.PullAsync("graph", CancellationToken.None);

        Assert.True(summary.Error is null, summary.Error);
        Assert.Equal("CaughtUp", summary.StopReason);
        var uids = tb.Sink.Uids;
        Assert.Equal(8000, uids.Count);
        Assert.Equal(expected.Order(), uids.Order());
        Assert.Contains(new KeyValuePair<string, string>("incidents", "2000"), summary.Facts);
        Assert.Contains(new KeyValuePair<string, string>("alerts", "6000"), summary.Facts);
        Assert.DoesNotContain(summary.Facts, f => f.Key.EndsWith(".tieOverflow", StringComparison.Ordinal));

        var requests = tb.Emulator.Requests.Entries.Where(e => e.Route is EmulatedRoute.GraphIncidents or EmulatedRoute.GraphAlerts).ToList();
        Assert.All(requests, e => Assert.Equal(200, e.Status));
        Assert.Contains(requests, e => e.Route == EmulatedRoute.GraphAlerts && e.Query.Contains("$skip=500", StringComparison.Ordinal));

        // A second pull finds nothing new: every version was delivered exactly once.
        tb.Sink.Clear();
        tb.Clock.Advance(TimeSpan.FromMinutes(5));
        var again = await connector.PullAsync("graph", CancellationToken.None);
        Assert.Equal("CaughtUp", again.StopReason);
        Assert.Empty(tb.Sink.Events);
    }

    [Fact]
    public async Task The_legacy_incidents_api_is_paged_by_time_with_ties_across_pages()
    {
        await using var tb = await GraphTestbed.StartAsync();
        tb.App.Grant("Incident.Read.All");
        var expected = new HashSet<string>();
        for (var i = 0; i < 450; i++)
        {
            // 150 incidents (one and a half pages) share one update time.
            var at = i is >= 200 and < 350 ? T0.AddHours(-5) : T0.AddHours(-10).AddSeconds(i * 40);
            tb.Emulator.Data.UpsertIncident($"{i + 1}", at);
            expected.Add(GraphPullTests.Uid(RecordKind.LegacyIncident, $"{i + 1}", at));
        }

        await using var connector = tb.CreateConnector(g => g["mode"] = "m365d");
        var summary = await connector.PullAsync("graph", CancellationToken.None);

        Assert.True(summary.Error is null, summary.Error);
        Assert.Equal(expected.Order(), tb.Sink.Uids.Order());
        var requests = tb.Emulator.Requests.Entries.Where(e => e.Route == EmulatedRoute.M365dIncidents).ToList();
        Assert.Contains(requests, e => e.Query.Contains("$skip=100", StringComparison.Ordinal));
        Assert.True(requests.Count < 20, $"{requests.Count} requests for 450 incidents");
    }

    [Fact]
    public async Task Incidents_failing_do_not_stop_the_alerts_and_the_summary_names_the_failed_stream()
    {
        await using var tb = await GraphTestbed.StartAsync();
        tb.GrantGraphRoles();
        var expected = new List<string>();
        for (var i = 1; i <= 30; i++)
        {
            var at = T0.AddHours(-3).AddMinutes(i);
            tb.Emulator.Data.UpsertIncident($"{i}", at);
            tb.Emulator.Data.UpsertAlert($"da{i}", $"{i}", at);
            expected.Add(GraphPullTests.Uid(RecordKind.GraphAlert, $"da{i}", at));
        }

        tb.Emulator.Faults.Repeat(EmulatedRoute.GraphIncidents, new ScriptedFault(500), 100);

        await using var connector = tb.CreateConnector(g => g["maxRetries"] = 1);
        var summary = await connector.PullAsync("graph", CancellationToken.None);

        Assert.Equal("Failed", summary.StopReason);
        Assert.NotNull(summary.Error);
        Assert.StartsWith("incidents stream ServiceError", summary.Error, StringComparison.Ordinal);
        Assert.Contains(new KeyValuePair<string, string>("incidents.outcome", "failed"), summary.Facts);
        Assert.Contains(new KeyValuePair<string, string>("alerts.outcome", "ok"), summary.Facts);
        Assert.Contains(new KeyValuePair<string, string>("alerts", "30"), summary.Facts);
        Assert.Equal(expected.Order(), tb.Sink.Uids.Order());
        Assert.Equal(0, tb.Emulator.Requests.Count(EmulatedRoute.GraphIncidents, 200));

        // Incidents recover: the next pull delivers them, and the alerts are not repeated.
        tb.Emulator.Faults.Clear();
        tb.Sink.Clear();
        tb.Clock.Advance(TimeSpan.FromMinutes(5));
        var next = await connector.PullAsync("graph", CancellationToken.None);
        Assert.Equal("CaughtUp", next.StopReason);
        Assert.Contains(new KeyValuePair<string, string>("incidents", "30"), next.Facts);
        Assert.Contains(new KeyValuePair<string, string>("alerts", "0"), next.Facts);
    }
}
