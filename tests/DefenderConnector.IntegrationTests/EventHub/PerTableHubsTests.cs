using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DefenderConnector.Abstractions;
using DefenderConnector.Emulator.EventHubs;
using DefenderConnector.IntegrationTests.Storage;
using DefenderConnector.Mapping;
using Microsoft.Extensions.Logging.Abstractions;

namespace DefenderConnector.IntegrationTests.EventHub;

/// <summary>
/// <c>eventHubs</c>: Defender streaming each table to a hub of its own (five tables, five hubs, each with its own key
/// and consumer group), read by one connector through Microsoft's SDK over real sockets, concurrently in one pull.
/// The emulator serves one hub per listener, so the five hubs are five listeners on the loopback host.
/// </summary>
public sealed class PerTableHubsTests
{
    private const int Partitions = 2;
    private const int MessagesPerPartition = 20;

    [Fact]
    public Task OneHubPerTableForFiveTablesIsAllDelivered() => RunAsync(wrongKeyFor: null);

    [Fact]
    public Task AHubWithAWrongKeyIsNamedAndTheOthersDeliverEverything() => RunAsync(wrongKeyFor: 1);

    private static async Task RunAsync(int? wrongKeyFor)
    {
        var records = StorageExport.SampleRecords();
        var tables = records.Keys.Order(StringComparer.Ordinal).Take(5).ToArray();
        var emulators = new List<EventHubEmulator>();
        var keys = new Dictionary<string, string>();
        var expected = new HashSet<string>(StringComparer.Ordinal);
        var folder = Directory.CreateTempSubdirectory("dc-hubs-").FullName;
        string? failing = null;
        try
        {
            var list = new JsonArray();
            foreach (var table in tables)
            {
                var hub = table.ToLowerInvariant();
                var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
                var options = new EventHubEmulatorOptions { HubName = hub, PartitionCount = Partitions };
                options.Policies["listen"] = key;
                var emulator = new EventHubEmulator(options);
                var hubUids = new List<string>();
                emulators.Add(emulator);
                await emulator.StartAsync();
                for (var m = 0; m < MessagesPerPartition; m++)
                {
                    for (var p = 0; p < Partitions; p++)
                    {
                        var body = "{\"records\":[" + string.Join(",", records[table]) + "]}";
                        var sequence = emulator.Publish(p.ToString(System.Globalization.CultureInfo.InvariantCulture), Encoding.UTF8.GetBytes(body));
                        for (var r = 0; r < records[table].Count; r++)
                        {
                            hubUids.Add(EventUid.ForEventHubRecord("127.0.0.1", hub, p.ToString(System.Globalization.CultureInfo.InvariantCulture), sequence, r));
                        }
                    }
                }

                var variable = "DC_HUB_" + hub.ToUpperInvariant();
                keys[variable] = emulators.Count - 1 == wrongKeyFor ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) : key;
                if (emulators.Count - 1 == wrongKeyFor)
                {
                    failing = hub;
                }
                else
                {
                    expected.UnionWith(hubUids);
                }
                list.Add(new JsonObject
                {
                    ["name"] = hub,
                    ["namespace"] = "127.0.0.1",
                    ["port"] = emulator.Port,
                    ["transport"] = "amqp",
                    ["hubName"] = hub,
                    ["sasPolicyName"] = "listen",
                    ["sasKey"] = "env:" + variable,
                    ["operationTimeout"] = "30s",
                });
            }

            var root = new JsonObject { ["eventHubs"] = list, ["state"] = new JsonObject { ["path"] = "state.db" } };
            var settings = new ConnectorSettings(root.ToJsonString(), folder, name => keys.GetValueOrDefault(name));
            var sink = new Graph.CollectingSink();
            await using (var connector = new DefenderConnectorPlugin().Create(settings, new ConnectorContext(sink, NullLoggerFactory.Instance, TimeProvider.System)))
            {
                Assert.Equal("eventhubs", Assert.Single(connector.Sources).Name);
                var summary = await connector.PullAsync("eventhubs", TestTimeouts.Token());
                Assert.Equal(expected.Count, summary.EventsDelivered);
                if (failing is not null)
                {
                    // The other hubs delivered everything; the failing one is named, its key never shown.
                    Assert.Equal("Failed", summary.StopReason);
                    Assert.StartsWith($"Unauthorized: hub {failing} (1 of 5 failed)", summary.Error);
                    Assert.DoesNotContain(keys["DC_HUB_" + failing.ToUpperInvariant()], summary.Error, StringComparison.Ordinal);
                    Assert.Contains(summary.Facts, f => f.Key == failing && f.Value.StartsWith("failed: Unauthorized", StringComparison.Ordinal));
                }
                else
                {
                    Assert.Null(summary.Error);
                    Assert.Equal(tables.Order(StringComparer.Ordinal), summary.EventsByTable.Keys.Order(StringComparer.Ordinal));
                    foreach (var table in tables)
                    {
                        Assert.Contains(summary.Facts, f => f.Key == $"{table.ToLowerInvariant()}: partitions");
                    }
                }

                var again = await connector.PullAsync("eventhubs", TestTimeouts.Token());
                Assert.Equal(0, again.EventsDelivered);
            }

            var uids = sink.Uids;
            Assert.Equal(uids.Count, uids.Distinct().Count());
            Assert.True(expected.SetEquals(uids), "The delivered ids are not the ids of the published records.");
            Assert.Empty(sink.InvalidEvents);
        }
        finally
        {
            foreach (var emulator in emulators)
            {
                await emulator.DisposeAsync();
            }

            Directory.Delete(folder, recursive: true);
        }
    }
}
