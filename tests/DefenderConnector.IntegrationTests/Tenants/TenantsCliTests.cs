using System.Text.Json;
using DefenderConnector.IntegrationTests.Support;

namespace DefenderConnector.IntegrationTests.Tenants;

/// <summary>
/// The reference host with three tenants, one with a wrong key: <c>test-connectivity</c> and <c>pull</c> report each
/// tenant's source by name and fail on the bad one only (exit 3 and 4), <c>--source</c> takes a tenant's name, and
/// <c>status</c> shows each tenant's last pull. No key is ever printed.
/// </summary>
public sealed class TenantsCliTests
{
    [Fact]
    public async Task TheHostReportsEachTenantAndFailsOnlyOnTheBadOne()
    {
        await using var hubs = await TenantHubs.StartAsync();
        var folder = Directory.CreateTempSubdirectory("dc-tenants-cli-").FullName;
        try
        {
            hubs.Publish(messages: 2);
            await File.WriteAllTextAsync(Path.Combine(folder, "settings.json"), hubs.Settings("events.jsonl").ToJsonString());
            var printed = new List<string>();

            var (exit, output, error) = await HostProcess.RunAsync(["test-connectivity", "--config", "settings.json"], hubs.Environment, TimeSpan.FromMinutes(3), folder);
            printed.Add(output + error);
            Assert.True(exit == 3, output + error);
            Assert.Contains("Source contoso/eventhub: Connected", output, StringComparison.Ordinal);
            Assert.Contains("Source northwind/eventhub: Connected", output, StringComparison.Ordinal);
            Assert.Contains("Source fabrikam/eventhub: ", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Source fabrikam/eventhub: Connected", output, StringComparison.Ordinal);
            Assert.Contains("tenant: fabrikam (Fabrikam, Inc., ", output, StringComparison.Ordinal);

            (exit, output, error) = await HostProcess.RunAsync(["pull", "--config", "settings.json", "--no-progress"], hubs.Environment, TimeSpan.FromMinutes(3), folder);
            printed.Add(output + error);
            Assert.True(exit == 4, output + error);
            var contoso = hubs.Tenants.Single(t => t.Name == "contoso");
            var northwind = hubs.Tenants.Single(t => t.Name == "northwind");
            Assert.Contains($"Pull of contoso/eventhub: CaughtUp; {contoso.Published.Count} events", output, StringComparison.Ordinal);
            Assert.Contains($"Pull of northwind/eventhub: CaughtUp; {northwind.Published.Count} events", output, StringComparison.Ordinal);
            Assert.Contains("Pull of fabrikam/eventhub: Failed; 0 events", output, StringComparison.Ordinal);
            Assert.Contains("  error: Unauthorized: ", output, StringComparison.Ordinal);

            var events = (await File.ReadAllLinesAsync(Path.Combine(folder, "events.jsonl"))).Where(l => l.Length > 0).ToList();
            Assert.Equal(contoso.Published.Count + northwind.Published.Count, events.Count);
            foreach (var line in events)
            {
                using var document = JsonDocument.Parse(line);
                var metadata = document.RootElement.GetProperty("metadata");
                var tenant = hubs.TenantOfUid[metadata.GetProperty("uid").GetString()!];
                Assert.False(tenant.WrongKey);
                Assert.Equal(tenant.TenantId, metadata.GetProperty("tenant_uid").GetString());
                Assert.Equal(tenant.Organization, metadata.GetProperty("tags")[0].GetProperty("value").GetString());
            }

            // A tenant's name selects its sources; the others are not pulled.
            (exit, output, error) = await HostProcess.RunAsync(["pull", "--config", "settings.json", "--no-progress", "--source", "contoso"], hubs.Environment, TimeSpan.FromMinutes(3), folder);
            printed.Add(output + error);
            Assert.True(exit == 0, output + error);
            Assert.Contains("Pull of contoso/eventhub: CaughtUp; 0 events", output, StringComparison.Ordinal);
            Assert.DoesNotContain("fabrikam", output, StringComparison.Ordinal);

            (exit, output, error) = await HostProcess.RunAsync(["status", "--config", "settings.json", "--offline"], hubs.Environment, TimeSpan.FromMinutes(3), folder);
            printed.Add(output + error);
            Assert.True(exit == 0, output + error);
            Assert.Contains("contoso/eventhub: last pull CaughtUp", output, StringComparison.Ordinal);
            Assert.Contains("northwind/eventhub: last pull CaughtUp", output, StringComparison.Ordinal);
            Assert.Contains("fabrikam/eventhub: last pull Failed", output, StringComparison.Ordinal);

            foreach (var text in printed)
            {
                foreach (var tenant in hubs.Tenants)
                {
                    Assert.DoesNotContain(tenant.Key, text, StringComparison.Ordinal);
                    Assert.DoesNotContain(hubs.Environment[tenant.Variable], text, StringComparison.Ordinal);
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
