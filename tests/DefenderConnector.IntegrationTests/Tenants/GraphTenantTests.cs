using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using DefenderConnector.Abstractions;
using DefenderConnector.IntegrationTests.Graph;

namespace DefenderConnector.IntegrationTests.Tenants;

/// <summary>
/// A tenant's Graph app against the HTTPS Entra and Graph stand-ins: its source is <c>contoso/graph</c>, its
/// incidents and alerts carry the tenant, and its connectivity report and metrics are the tenant's.
/// </summary>
public sealed class GraphTenantTests
{
    [Fact]
    public async Task ATenantsGraphAppDeliversIncidentsAndAlertsThatCarryTheTenant()
    {
        await using var tb = await GraphTestbed.StartAsync();
        tb.GrantGraphRoles();
        tb.Emulator.Data.UpsertIncident("1", GraphTestbed.Start.AddHours(-1));
        var root = new JsonObject
        {
            ["tenants"] = new JsonArray(new JsonObject { ["name"] = "contoso", ["organization"] = "Contoso Ltd", ["graph"] = tb.GraphSection() }),
            ["state"] = new JsonObject { ["path"] = "state/connector.db" },
        };
        var settings = new ConnectorSettings(root.ToJsonString(), tb.Directory, name => tb.Environment.GetValueOrDefault(name));
        var metrics = new SourceTags();
        await using var connector = new DefenderConnectorPlugin().Create(settings, new ConnectorContext(tb.Sink, tb.Logs, tb.Clock, metrics));
        Assert.Equal("contoso/graph", Assert.Single(connector.Sources).Name);

        var report = await connector.TestConnectivityAsync("contoso/graph", CancellationToken.None);
        Assert.True(report.Succeeded, GraphTestbed.Render(report));
        Assert.Equal("contoso/graph", report.Source);
        Assert.Contains(report.Facts, f => f.Key == "tenant" && f.Value == $"contoso (Contoso Ltd, {tb.TenantId})");

        var summary = await connector.PullAsync("contoso/graph", CancellationToken.None);
        Assert.Equal("CaughtUp", summary.StopReason);
        Assert.True(summary.EventsDelivered > 0);
        Assert.Equal(summary.EventsDelivered, tb.Sink.Events.Count);
        foreach (var text in tb.Sink.Events)
        {
            using var document = JsonDocument.Parse(text);
            var metadata = document.RootElement.GetProperty("metadata");
            Assert.Equal(tb.TenantId, metadata.GetProperty("tenant_uid").GetString());
            Assert.Equal("Contoso Ltd", metadata.GetProperty("tags")[0].GetProperty("value").GetString());
        }

        // The Graph source's own metrics (requests, token fetches, mode) are the tenant's too.
        Assert.Contains("graph.requests", metrics.Names("contoso/graph"));
        Assert.Contains("auth.token_refreshes", metrics.Names("contoso/graph"));
        Assert.Equal(["contoso/graph"], metrics.Sources);
    }

    private sealed class SourceTags : IConnectorMetrics
    {
        private readonly ConcurrentQueue<(string Name, string? Source)> _seen = new();

        public IReadOnlyList<string> Sources => [.. _seen.Select(m => m.Source).OfType<string>().Distinct()];

        public IReadOnlyList<string> Names(string source) => [.. _seen.Where(m => m.Source == source).Select(m => m.Name).Distinct()];

        public void Add(string name, long value, params KeyValuePair<string, string>[] tags) => _seen.Enqueue((name, Source(tags)));

        public void Record(string name, double value, params KeyValuePair<string, string>[] tags) => _seen.Enqueue((name, Source(tags)));

        private static string? Source(KeyValuePair<string, string>[] tags) => tags.Where(t => t.Key == "source").Select(t => t.Value).FirstOrDefault();
    }
}
