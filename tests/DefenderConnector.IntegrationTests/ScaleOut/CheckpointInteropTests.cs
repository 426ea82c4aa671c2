using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using DefenderConnector.IntegrationTests.Conformance;
using DefenderConnector.IntegrationTests.Support;
using DefenderConnector.Mapping;
using Xunit.Abstractions;

namespace DefenderConnector.IntegrationTests.ScaleOut;

/// <summary>
/// The Blob checkpoint store is interchangeable with Microsoft's: the JavaScript processor
/// (EventHubConsumerClient with @azure/eventhubs-checkpointstore-blob) on Azurite checkpoints part of a
/// hub and the connector continues right after those checkpoints; the connector checkpoints and the
/// JavaScript processor continues right after the connector's.
/// </summary>
public sealed class CheckpointInteropTests(ITestOutputHelper output)
{
    private const int Partitions = 4;

    [Fact]
    public async Task TheConnectorContinuesFromMicrosoftsJavaScriptCheckpoints()
    {
        await using var azurite = await Azurite.StartAsync();
        await using var backlog = await EventHubBacklog.StartAsync("interop", Partitions, messagesPerPartition: 100, recordsPerMessage: 2, "t-interop");
        var folder = Directory.CreateTempSubdirectory("dc-interop-").FullName;
        try
        {
            await azurite.Container(SharedStoreSettings.Container).CreateIfNotExistsAsync();
            var js = await RunJsAsync(backlog, azurite, "checkpoint", stopAt: 39, expect: 0);
            Assert.All(Enumerable.Range(0, Partitions), p => Assert.Equal(39, js.GetProperty("checkpointed").GetProperty(P(p)).GetProperty("sequenceNumber").GetInt64()));

            // Microsoft's store wrote the layout the connector reads: lowercased names, metadata on empty blobs.
            var checkpoint = azurite.Container(SharedStoreSettings.Container).GetBlobClient($"{SharedStoreSettings.Stream(backlog)}/checkpoint/0");
            var properties = (await checkpoint.GetPropertiesAsync()).Value;
            Assert.Equal("39", properties.Metadata["sequencenumber"]);
            Assert.Equal(0, properties.ContentLength);

            // A message that is not JSON after the checkpoints: its dead letter is kept in the shared container too.
            var poison = Encoding.UTF8.GetBytes("not json at all");
            backlog.Emulator.Publish("0", poison);

            var environment = await SharedStoreSettings.WriteAsync(folder, backlog, azurite, "\"batchMessages\": 16", "\"updateInterval\": \"1s\", \"ownershipExpiry\": \"5s\"");
            var (exit, stdout, stderr) = await HostProcess.RunAsync(["pull", "--config", Path.Combine(folder, "settings.json")], environment, TimeSpan.FromMinutes(3), folder);
            Assert.True(exit == 0, $"pull failed ({exit}).\n{stdout}\n{stderr}");
            output.WriteLine(stdout);

            var container = azurite.Container(SharedStoreSettings.Container);
            var letters = new List<BlobItem>();
            await foreach (var blob in container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, "defender-connector/dead-letters/eventhub/", default))
            {
                letters.Add(blob);
            }

            var letter = Assert.Single(letters);
            Assert.Equal("NotJson", letter.Metadata["reason"]);
            using (var stored = JsonDocument.Parse((await container.GetBlobClient(letter.Name).DownloadContentAsync()).Value.Content.ToString()))
            {
                Assert.Equal(poison, stored.RootElement.GetProperty("raw").GetBytesFromBase64());
                Assert.Equal(100, stored.RootElement.GetProperty("sequenceNumber").GetInt64());
                Assert.Equal("0", stored.RootElement.GetProperty("partition").GetString());
            }

            var history = new List<string>();
            await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, "defender-connector/pulls/eventhub/", default))
            {
                history.Add(blob.Name);
            }

            using (var pull = JsonDocument.Parse((await container.GetBlobClient(Assert.Single(history)).DownloadContentAsync()).Value.Content.ToString()))
            {
                Assert.Equal(Partitions * 60 * 2, pull.RootElement.GetProperty("eventsDelivered").GetInt64());
                Assert.Equal(1, pull.RootElement.GetProperty("deadLettered").GetInt64());
            }

            var delivered = Uids(Path.Combine(folder, "events.jsonl"));
            var expected = Expected(backlog, fromSequence: 40, toSequence: 99);
            Assert.Equal(expected.Count, delivered.Count);
            Assert.True(expected.SetEquals(delivered), "The connector did not deliver exactly the events after the JavaScript processor's checkpoints.");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task MicrosoftsJavaScriptProcessorContinuesFromTheConnectorsCheckpoints()
    {
        await using var azurite = await Azurite.StartAsync();
        await using var backlog = await EventHubBacklog.StartAsync("interop", Partitions, messagesPerPartition: 60, recordsPerMessage: 2, "t-interop");
        var folder = Directory.CreateTempSubdirectory("dc-interop-").FullName;
        try
        {
            var environment = await SharedStoreSettings.WriteAsync(folder, backlog, azurite, "\"batchMessages\": 16", "\"updateInterval\": \"1s\", \"ownershipExpiry\": \"5s\"");
            var (exit, stdout, stderr) = await HostProcess.RunAsync(["pull", "--config", Path.Combine(folder, "settings.json")], environment, TimeSpan.FromMinutes(3), folder);
            Assert.True(exit == 0, $"pull failed ({exit}).\n{stdout}\n{stderr}");
            Assert.Equal(Partitions * 60 * 2, Uids(Path.Combine(folder, "events.jsonl")).Count);

            for (var m = 0; m < 20; m++)
            {
                for (var p = 0; p < Partitions; p++)
                {
                    backlog.Emulator.Publish(P(p), Encoding.UTF8.GetBytes($"{{\"after\":{m}}}"));
                }
            }

            var js = await RunJsAsync(backlog, azurite, "resume", stopAt: -1, expect: 20);
            for (var p = 0; p < Partitions; p++)
            {
                var sequenceNumbers = js.GetProperty("received").GetProperty(P(p)).EnumerateArray().Select(e => e.GetInt64()).ToList();
                Assert.Equal(60, sequenceNumbers.Min());
                Assert.Equal(Enumerable.Range(60, 20).Select(n => (long)n), sequenceNumbers.Order().Take(20));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<JsonElement> RunJsAsync(EventHubBacklog backlog, Azurite azurite, string mode, int stopAt, int expect)
    {
        var text = await NodeScriptRunner.RunAsync("checkpointstore-interop.mjs", new Dictionary<string, string>
        {
            // The same namespace name the connector's settings give, so both name the same blobs.
            ["EVENTHUBS_CONNECTION_STRING"] = backlog.Emulator.GetConnectionString("listen").Replace("sb://localhost:", "sb://127.0.0.1:", StringComparison.Ordinal),
            ["STORAGE_CONNECTION_STRING"] = azurite.ConnectionString,
            ["STORAGE_CONTAINER"] = SharedStoreSettings.Container,
            ["EVENTHUBS_TOOLS_DIR"] = NodeScriptRunner.ToolsDirectory(),
            ["INTEROP_MODE"] = mode,
            ["INTEROP_PARTITIONS"] = Partitions.ToString(CultureInfo.InvariantCulture),
            ["INTEROP_STOP_AT"] = stopAt.ToString(CultureInfo.InvariantCulture),
            ["INTEROP_EXPECT"] = expect.ToString(CultureInfo.InvariantCulture),
            ["INTEROP_TIMEOUT_MS"] = "90000",
        }, TimeSpan.FromMinutes(3));
        output.WriteLine(text.Length > 3000 ? text[..3000] : text);
        var root = JsonDocument.Parse(text).RootElement.Clone();
        Assert.True(root.GetProperty("ok").GetBoolean(), text);
        return root;
    }

    private static HashSet<string> Uids(string path)
    {
        var uids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            using var document = JsonDocument.Parse(line);
            Assert.True(uids.Add(document.RootElement.GetProperty("metadata").GetProperty("uid").GetString()!), "An event was delivered twice.");
        }

        return uids;
    }

    private static HashSet<string> Expected(EventHubBacklog backlog, int fromSequence, int toSequence)
    {
        var expected = new HashSet<string>(StringComparer.Ordinal);
        for (var p = 0; p < backlog.Partitions; p++)
        {
            for (var seq = fromSequence; seq <= toSequence; seq++)
            {
                for (var r = 0; r < backlog.RecordsPerMessage; r++)
                {
                    expected.Add(EventUid.ForEventHubRecord("127.0.0.1", backlog.Hub, P(p), seq, r));
                }
            }
        }

        return expected;
    }

    private static string P(int partition) => partition.ToString(CultureInfo.InvariantCulture);
}
