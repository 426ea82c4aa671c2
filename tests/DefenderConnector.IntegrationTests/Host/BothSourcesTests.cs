using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DefenderConnector.Emulator.EventHubs;
using DefenderConnector.IntegrationTests.Graph;
using DefenderConnector.IntegrationTests.Support;

namespace DefenderConnector.IntegrationTests.Host;

/// <summary>The reference host with Event Hub and Graph both configured: <c>pull</c> and <c>run</c> deliver both streams to its sink.</summary>
public sealed class BothSourcesTests
{
    [Fact]
    public async Task PullDeliversTheStreamAndTheIncidentsAndAlerts()
    {
        await using var bed = await Bed.StartAsync();

        var (exit, output, error) = await HostProcess.RunAsync(["pull", "--config", "settings.json"], bed.Environment, TimeSpan.FromMinutes(3), bed.Graph.Directory);

        Assert.True(exit == 0, output + error);
        Assert.Contains("Pull of eventhub: CaughtUp", output);
        Assert.Contains("Pull of graph: CaughtUp", output);
        bed.AssertBothStreams();
        Assert.DoesNotContain(bed.Graph.Secret, output + error, StringComparison.Ordinal);
        Assert.DoesNotContain(bed.EventHubKey, output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunDeliversBothStreamsOnTheirSchedules()
    {
        await using var bed = await Bed.StartAsync();
        using var host = HostProcess.Start(["run", "--config", "settings.json"], bed.Environment, bed.Graph.Directory);

        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!bed.HasBothStreams())
        {
            Assert.True(DateTime.UtcNow < deadline, "run did not deliver both streams.\n" + host.StandardOutput + host.StandardError);
            await Task.Delay(200);
        }

        using (var term = Process.Start("kill", ["-TERM", host.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term!.WaitForExitAsync();
        }

        Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        bed.AssertBothStreams();
    }

    private sealed class Bed : IAsyncDisposable
    {
        private Bed(GraphTestbed graph, EventHubEmulator eventHub, string key)
        {
            Graph = graph;
            EventHub = eventHub;
            EventHubKey = key;
            Environment = new Dictionary<string, string>(graph.Environment) { ["DC_EH_KEY"] = key };
        }

        public GraphTestbed Graph { get; }

        public EventHubEmulator EventHub { get; }

        public string EventHubKey { get; }

        public Dictionary<string, string> Environment { get; }

        private string EventsPath => Path.Combine(Graph.Directory, "events.jsonl");

        public static async Task<Bed> StartAsync()
        {
            var graph = (await GraphTestbed.StartAsync()).GrantGraphRoles();
            var now = DateTimeOffset.UtcNow;
            graph.Emulator.Data.UpsertIncident("101", now.AddHours(-2));
            graph.Emulator.Data.UpsertAlert("da-1", "101", now.AddHours(-2));
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            var options = new EventHubEmulatorOptions { HubName = "both", PartitionCount = 2 };
            options.Policies["listen"] = key;
            var eventHub = new EventHubEmulator(options);
            await eventHub.StartAsync();
            eventHub.Publish("0", Encoding.UTF8.GetBytes("""{"records":[{"time":"2026-11-23T08:00:00Z","tenantId":"t","category":"AdvancedHunting-DeviceInfo","properties":{"DeviceName":"wks-1.contoso.local","DeviceId":"d1"}}]}"""));

            var root = new JsonObject
            {
                ["eventHub"] = new JsonObject
                {
                    ["namespace"] = "127.0.0.1", ["port"] = eventHub.Port, ["transport"] = "amqp", ["hubName"] = "both",
                    ["sasPolicyName"] = "listen", ["sasKey"] = "env:DC_EH_KEY", ["pullInterval"] = "1s",
                },
                ["graph"] = graph.GraphSection(g => g["pullInterval"] = "10s"),
                ["output"] = new JsonObject { ["path"] = "events.jsonl" },
                ["state"] = new JsonObject { ["path"] = "state/connector.db" },
            };
            await File.WriteAllTextAsync(Path.Combine(graph.Directory, "settings.json"), root.ToJsonString());
            return new Bed(graph, eventHub, key);
        }

        public bool HasBothStreams()
        {
            var names = LogNames();
            return names.Contains("DeviceInfo") && names.Count > 1;
        }

        public void AssertBothStreams()
        {
            var names = LogNames();
            Assert.Contains("DeviceInfo", names);
            Assert.True(names.Count >= 2, "Only these log names were written: " + string.Join(", ", names));
        }

        private HashSet<string> LogNames()
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            if (!File.Exists(EventsPath))
            {
                return names;
            }

            using var stream = new FileStream(EventsPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                if (line.Length > 0 && line[^1] == '}')
                {
                    var errors = DefenderConnector.Tests.Ocsf.OcsfValidator.Shared.Validate(Encoding.UTF8.GetBytes(line));
                    Assert.True(errors.Count == 0, string.Join("; ", errors));
                    using var document = JsonDocument.Parse(line);
                    names.Add(document.RootElement.GetProperty("metadata").GetProperty("log_name").GetString()!);
                }
            }

            return names;
        }

        public async ValueTask DisposeAsync()
        {
            await EventHub.DisposeAsync();
            await Graph.DisposeAsync();
        }
    }
}
