using System.Text;
using System.Text.Json;
using DefenderConnector.Emulator.EventHubs;
using DefenderConnector.IntegrationTests.Emulator;

namespace DefenderConnector.IntegrationTests.Conformance;

/// <summary>
/// Acceptance: Microsoft's Python Event Hubs client (azure-eventhub from Debian's python3-azure, the client
/// FortiSIEM runs), unmodified, reads hub and partition properties, publishes, consumes everything back from
/// earliest over TLS on port 5671 of a loopback address, and reports its own authentication error for a wrong key.
/// </summary>
public sealed class EventHubsPythonClientConformanceTests
{
    [Fact]
    public async Task MicrosoftPythonClientPublishesAndConsumesThroughTheEmulatorOverTls()
    {
        var (emulator, key) = await TestEmulator.StartOnAmqpsPortAsync();
        await using var emulatorScope = emulator;
        string caFile = Path.Combine(Path.GetTempPath(), $"emulator-{Guid.NewGuid():N}.pem");
        EmulatorCertificate.WritePublicPem(emulator.Certificate!, caFile);
        for (int i = 0; i < 3; i++)
        {
            emulator.Publish("1", Encoding.UTF8.GetBytes($"{{\"preloaded\":{i}}}"));
        }

        // The client always dials 5671 (it drops the port in Endpoint=), so the emulator listens there on an
        // address of its own; the client verifies the server against the CA file (connection_verify).
        string connectionString = emulator.GetConnectionString(TestEmulator.Policy, useDevelopmentEmulator: false);
        string output;
        try
        {
            output = await PythonScriptRunner.RunAsync("eventhubs-conformance.py", new Dictionary<string, string>
            {
                ["EVENTHUBS_CONNECTION_STRING"] = connectionString,
                ["EVENTHUBS_BAD_KEY_CONNECTION_STRING"] = connectionString.Replace(key, SasTokens.RandomKey(), StringComparison.Ordinal),
                ["EVENTHUBS_CA_FILE"] = caFile,
                ["EVENTHUBS_PRELOADED"] = "3",
                ["EVENTHUBS_TIMEOUT_S"] = "60",
            }, TimeSpan.FromMinutes(4));
        }
        finally
        {
            File.Delete(caFile);
        }

        Assert.DoesNotContain(key, output);
        using var result = JsonDocument.Parse(output);
        var root = result.RootElement;
        Assert.True(root.GetProperty("ok").GetBoolean(), output);
        Assert.Equal(0, root.GetProperty("errors").GetArrayLength());
        Assert.Equal(TestEmulator.Hub, root.GetProperty("hub").GetProperty("name").GetString());
        Assert.Equal(["0", "1", "2", "3"], root.GetProperty("partitionIds").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(2, root.GetProperty("partition1").GetProperty("lastEnqueuedSequenceNumber").GetInt64());
        Assert.False(root.GetProperty("partition1").GetProperty("isEmpty").GetBoolean());

        var received = root.GetProperty("received").EnumerateArray().ToList();
        var sent = root.GetProperty("sent").EnumerateArray().Select(e => e.GetRawText()).ToList();
        var published = received.Where(e => e.GetProperty("body").ValueKind == JsonValueKind.Object && e.GetProperty("body").TryGetProperty("marker", out _)).ToList();
        Assert.Equal(sent.Order(), published.Select(e => e.GetProperty("body").GetRawText()).Order());

        var fromPartition0 = published.Where(e => e.GetProperty("partitionId").GetString() == "0" && e.GetProperty("partitionKey").ValueKind == JsonValueKind.Null)
            .OrderBy(e => e.GetProperty("sequenceNumber").GetInt64()).ToList();
        Assert.Equal([0L, 1, 2, 3, 4], fromPartition0.Select(e => e.GetProperty("sequenceNumber").GetInt64()));
        Assert.Equal([0, 1, 2, 3, 4], fromPartition0.Select(e => e.GetProperty("body").GetProperty("index").GetInt32()));
        Assert.Equal(0, fromPartition0[0].GetProperty("properties").GetProperty("index").GetInt32());

        var keyed = published.Where(e => e.GetProperty("partitionKey").GetString() == "device-42").ToList();
        Assert.Equal(3, keyed.Count);
        Assert.Single(keyed.Select(e => e.GetProperty("partitionId").GetString()).Distinct());

        var preloaded = received.Where(e => e.GetProperty("partitionId").GetString() == "1" && e.GetProperty("body").TryGetProperty("preloaded", out _))
            .Select(e => e.GetProperty("sequenceNumber").GetInt64()).Order();
        Assert.Equal([0L, 1, 2], preloaded);
        Assert.Equal(11, received.Count);

        // The client's own error for a wrong key: an authentication failure with the status and the reason.
        var badKey = root.GetProperty("badKey");
        Assert.Equal("AuthenticationError", badKey.GetProperty("type").GetString());
        Assert.Contains("Status code: 401", badKey.GetProperty("message").GetString());
        Assert.Contains("signature does not match", badKey.GetProperty("message").GetString());
    }
}
