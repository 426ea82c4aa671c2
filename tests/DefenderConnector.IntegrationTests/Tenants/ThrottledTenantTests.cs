using DefenderConnector.Abstractions;
using DefenderConnector.IntegrationTests.EventHub;
using Microsoft.Extensions.Logging.Abstractions;

namespace DefenderConnector.IntegrationTests.Tenants;

/// <summary>
/// One tenant's namespace is throttled (every receiver refused with <c>com.microsoft:server-busy</c>) while the
/// three tenants pull at once: the throttled one ends its pull failed, after its retries, and the others deliver
/// everything; once the throttling ends, the next pull delivers what the throttled tenant was holding back.
/// </summary>
public sealed class ThrottledTenantTests
{
    [Fact]
    public async Task AThrottledTenantHoldsNoOtherTenantBack()
    {
        await using var hubs = await TenantHubs.StartAsync(wrongKey: false);
        var folder = Directory.CreateTempSubdirectory("dc-tenants-busy-").FullName;
        try
        {
            hubs.Publish(messages: 2);
            var fabrikam = hubs.Tenants.Single(t => t.Name == "fabrikam");
            fabrikam.Emulator!.FailNextAttaches(1000, "com.microsoft:server-busy");
            var settings = new ConnectorSettings(hubs.Settings().ToJsonString(), folder, name => hubs.Environment.GetValueOrDefault(name));
            var sink = new Graph.CollectingSink();
            await using var connector = new DefenderConnectorPlugin().Create(settings, new ConnectorContext(sink, NullLoggerFactory.Instance, TimeProvider.System));

            var first = (await Task.WhenAll(hubs.Tenants.Select(t => connector.PullAsync(t.Source, TestTimeouts.Token())))).ToDictionary(s => s.Source);
            Assert.Equal("Failed", first[fabrikam.Source].StopReason);
            Assert.Equal(0, first[fabrikam.Source].EventsDelivered);
            foreach (var tenant in hubs.Tenants.Where(t => t != fabrikam))
            {
                Assert.True(first[tenant.Source].Error is null, first[tenant.Source].Error);
                Assert.Equal(tenant.Published.Count, first[tenant.Source].EventsDelivered);
            }

            var good = hubs.Tenants.Where(t => t != fabrikam).SelectMany(t => t.Published).ToHashSet(StringComparer.Ordinal);
            Assert.True(good.SetEquals(sink.Uids), "The other tenants did not deliver exactly their records.");

            // The namespace answers again: the held-back records arrive, once.
            fabrikam.Emulator.FailNextAttaches(0, "com.microsoft:server-busy");
            var second = await connector.PullAsync(fabrikam.Source, TestTimeouts.Token());
            Assert.True(second.Error is null, second.Error);
            Assert.Equal(fabrikam.Published.Count, second.EventsDelivered);
            Assert.Equal(sink.Uids.Count, sink.Uids.Distinct().Count());
            Assert.True(hubs.Tenants.SelectMany(t => t.Published).ToHashSet(StringComparer.Ordinal).SetEquals(sink.Uids));
            Assert.Empty(sink.InvalidEvents);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
