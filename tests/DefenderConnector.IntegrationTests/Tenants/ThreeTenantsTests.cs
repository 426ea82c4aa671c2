using System.Collections.Concurrent;
using System.Text.Json;
using DefenderConnector.Abstractions;
using DefenderConnector.IntegrationTests.EventHub;
using Microsoft.Extensions.Logging.Abstractions;

namespace DefenderConnector.IntegrationTests.Tenants;

/// <summary>
/// <c>tenants</c>: three customers of a service provider in one configuration, each with its own hub and key on the
/// Event Hubs emulator (Microsoft's SDK over real sockets), one configured with a wrong key. The other two deliver
/// everything, the failing one is named and its key never shown, and every event carries its own tenant.
/// </summary>
public sealed class ThreeTenantsTests
{
    [Fact]
    public async Task TheTwoGoodTenantsDeliverEverythingAndTheFailingOneIsNamed()
    {
        await using var hubs = await TenantHubs.StartAsync();
        var folder = Directory.CreateTempSubdirectory("dc-tenants-").FullName;
        try
        {
            hubs.Publish(messages: 3);
            var settings = new ConnectorSettings(hubs.Settings().ToJsonString(), folder, name => hubs.Environment.GetValueOrDefault(name));
            var sink = new Graph.CollectingSink();
            var metrics = new CollectingMetrics();
            await using var connector = new DefenderConnectorPlugin().Create(settings, new ConnectorContext(sink, NullLoggerFactory.Instance, TimeProvider.System, metrics));
            Assert.Equal(["contoso/eventhub", "fabrikam/eventhub", "northwind/eventhub"], connector.Sources.Select(s => s.Name));

            // The three pulls run at once, as the scheduler runs them: the failing tenant holds no one up.
            var first = await PullAllAsync(connector, hubs);
            AssertRound(hubs, first, sink);

            // Nothing was fixed: the good tenants still deliver what arrived since, and only that.
            sink.Clear();
            var delivered = hubs.Tenants.ToDictionary(t => t.Name, t => t.Published.ToHashSet(StringComparer.Ordinal));
            hubs.Publish(messages: 2);
            var second = await PullAllAsync(connector, hubs);
            AssertRound(hubs, second, sink, delivered);

            // Each tenant's pull is recorded under its own source, for status.
            await using var store = new DefenderConnectorPlugin().OpenState(settings, new ConnectorContext(sink, NullLoggerFactory.Instance, TimeProvider.System));
            var status = await store.GetStatusAsync(readTails: false, TestTimeouts.Token());
            foreach (var tenant in hubs.Tenants)
            {
                var rows = status.Where(r => r.Source == tenant.Source).ToList();
                Assert.NotEmpty(rows);
                Assert.Equal(tenant.WrongKey ? "Failed" : "CaughtUp", rows[0].LastPull?.Outcome);
            }

            // Metrics are per tenant: every source tag is a tenant's source, the readers' own metrics too.
            foreach (var tenant in hubs.Tenants)
            {
                Assert.Equal(tenant.WrongKey ? 0 : tenant.Published.Count, metrics.Sum("connector.events_sent", tenant.Source));
                Assert.Equal(tenant.WrongKey ? 2 : 0, metrics.Sum("connector.errors", tenant.Source));
                Assert.Equal(!tenant.WrongKey, metrics.Seen("eventhub.partition_position", tenant.Source));
            }

            Assert.All(metrics.Sources, s => Assert.Contains(s, hubs.Tenants.Select(t => t.Source)));
            Assert.Empty(sink.InvalidEvents);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<Dictionary<string, PullSummary>> PullAllAsync(IConnector connector, TenantHubs hubs)
    {
        var summaries = await Task.WhenAll(hubs.Tenants.Select(t => connector.PullAsync(t.Source, TestTimeouts.Token())));
        return summaries.ToDictionary(s => s.Source, StringComparer.Ordinal);
    }

    private static void AssertRound(TenantHubs hubs, Dictionary<string, PullSummary> summaries, Graph.CollectingSink sink, Dictionary<string, HashSet<string>>? before = null)
    {
        var expected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tenant in hubs.Tenants)
        {
            // The summary names the tenant by its source, <tenant>/eventhub.
            var summary = summaries[tenant.Source];
            if (tenant.WrongKey)
            {
                Assert.Equal("Failed", summary.StopReason);
                Assert.Equal(0, summary.EventsDelivered);
                Assert.StartsWith("Unauthorized: ", summary.Error);
                Assert.DoesNotContain(hubs.Environment[tenant.Variable], summary.Error, StringComparison.Ordinal);
                Assert.DoesNotContain(tenant.Key, summary.Error, StringComparison.Ordinal);
                continue;
            }

            Assert.Contains(summary.Facts, f => f.Key == "tenant" && f.Value == $"{tenant.Name} ({tenant.Organization}, {tenant.TenantId})");
            var fresh = tenant.Published.Where(u => before is null || !before[tenant.Name].Contains(u)).ToList();
            Assert.Null(summary.Error);
            Assert.Equal("CaughtUp", summary.StopReason);
            Assert.Equal(fresh.Count, summary.EventsDelivered);
            expected.UnionWith(fresh);
        }

        var uids = sink.Uids;
        Assert.Equal(uids.Count, uids.Distinct().Count());
        Assert.True(expected.SetEquals(uids), "The delivered ids are not the ids of the good tenants' new records.");
        foreach (var text in sink.Events)
        {
            using var document = JsonDocument.Parse(text);
            var metadata = document.RootElement.GetProperty("metadata");
            var tenant = hubs.TenantOfUid[metadata.GetProperty("uid").GetString()!];
            Assert.Equal(tenant.TenantId, metadata.GetProperty("tenant_uid").GetString());
            var tag = Assert.Single(metadata.GetProperty("tags").EnumerateArray());
            Assert.Equal("organization", tag.GetProperty("name").GetString());
            Assert.Equal(tenant.Organization, tag.GetProperty("value").GetString());
        }
    }

    private sealed class CollectingMetrics : IConnectorMetrics
    {
        private readonly ConcurrentQueue<(string Name, double Value, KeyValuePair<string, string>[] Tags)> _seen = new();

        public IEnumerable<string> Sources => _seen.SelectMany(m => m.Tags).Where(t => t.Key == "source").Select(t => t.Value).Distinct();

        public void Add(string name, long value, params KeyValuePair<string, string>[] tags) => _seen.Enqueue((name, value, [.. tags]));

        public void Record(string name, double value, params KeyValuePair<string, string>[] tags) => _seen.Enqueue((name, value, [.. tags]));

        public double Sum(string name, string source) => _seen.Where(m => m.Name == name && m.Tags.Contains(new("source", source))).Sum(m => m.Value);

        public bool Seen(string name, string source) => _seen.Any(m => m.Name == name && m.Tags.Contains(new("source", source)));
    }
}
