using System.Text;
using System.Text.Json;
using DefenderConnector.IntegrationTests.Emulator;

namespace DefenderConnector.IntegrationTests.Conformance;

/// <summary>
/// Acceptance: Microsoft's JavaScript Event Hubs client (@azure/event-hubs) reads hub and partition
/// properties, publishes batches and consumes everything back from earliest against the emulator.
/// </summary>
public sealed class EventHubsJsClientConformanceTests
{
    [Fact]
    public async Task MicrosoftJsClientPublishesAndConsumesThroughTheEmulator()
    {
        string tools = NodeScriptRunner.ToolsDirectory();
        var (emulator, _) = await TestEmulator.StartAsync();
        await using var __ = emulator;
        for (int i = 0; i < 3; i++)
        {
            emulator.Publish("1", Encoding.UTF8.GetBytes($"{{\"preloaded\":{i}}}"));
        }

        string output = await NodeScriptRunner.RunAsync("eventhubs-conformance.mjs", new Dictionary<string, string>
        {
            ["EVENTHUBS_CONNECTION_STRING"] = emulator.GetConnectionString(TestEmulator.Policy),
            ["EVENTHUBS_TOOLS_DIR"] = tools,
            ["EVENTHUBS_PRELOADED"] = "3",
            ["EVENTHUBS_TIMEOUT_MS"] = "45000",
        }, TimeSpan.FromMinutes(2));

        using var result = JsonDocument.Parse(output);
        var root = result.RootElement;
        Assert.True(root.GetProperty("ok").GetBoolean(), output);
        Assert.Equal(TestEmulator.Hub, root.GetProperty("hub").GetProperty("name").GetString());
        Assert.Equal(["0", "1", "2", "3"], root.GetProperty("partitionIds").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(2, root.GetProperty("partition1").GetProperty("lastEnqueuedSequenceNumber").GetInt64());

        var received = root.GetProperty("received").EnumerateArray().ToList();
        var fromPartition0 = received.Where(e => e.GetProperty("partitionId").GetString() == "0")
            .Where(e => e.GetProperty("partitionKey").ValueKind == JsonValueKind.Null)
            .Where(e => e.GetProperty("body").ValueKind == JsonValueKind.Object && e.GetProperty("body").TryGetProperty("marker", out _))
            .ToList();
        Assert.Equal([0, 1, 2, 3, 4], fromPartition0.Select(e => e.GetProperty("body").GetProperty("index").GetInt32()).Order());
        Assert.Equal([0L, 1, 2, 3, 4], fromPartition0.Select(e => e.GetProperty("sequenceNumber").GetInt64()).Order());
        Assert.Equal(0, fromPartition0.First(e => e.GetProperty("sequenceNumber").GetInt64() == 0).GetProperty("properties").GetProperty("index").GetInt32());

        var keyed = received.Where(e => e.GetProperty("partitionKey").GetString() == "device-42").ToList();
        Assert.Equal(3, keyed.Count);
        Assert.Single(keyed.Select(e => e.GetProperty("partitionId").GetString()).Distinct());

        var preloaded = received.Where(e => e.GetProperty("partitionId").GetString() == "1" && e.GetProperty("partitionKey").ValueKind == JsonValueKind.Null)
            .Select(e => e.GetProperty("sequenceNumber").GetInt64()).Order().Take(3);
        Assert.Equal([0L, 1, 2], preloaded);
        Assert.Equal(11, received.Count);
    }
}
