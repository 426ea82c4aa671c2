using DefenderConnector.Emulator.EventHubs;
using DefenderConnector.IntegrationTests.Emulator;

namespace DefenderConnector.IntegrationTests.EventHub;

/// <summary>AMQP over secure WebSockets (<c>transport: websockets</c>) through a wss gateway in front of the emulator.</summary>
public sealed class EventHubWebSocketTests
{
    [Fact]
    public async Task A_pull_over_websockets_delivers_when_the_system_store_trusts_the_gateway()
    {
        // Over WebSockets the SDK trusts the system certificate store only; the reference host runs as a
        // real process whose OpenSSL trust file (SSL_CERT_FILE) holds the test certificate, as an
        // administrator would add a corporate CA to the system store.
        var (emulator, key) = await TestEmulator.StartAsync();
        await using var _ = emulator;
        using var certificate = EmulatorCertificate.Create("localhost");
        await using var bridge = await WebSocketBridge.StartAsync(certificate, emulator.Port);
        var sequenceNumber = emulator.Publish("3", DefenderRecords.Envelope(1, 2));
        var folder = Directory.CreateTempSubdirectory("dc-ws-").FullName;
        try
        {
            var trust = Path.Combine(folder, "trust.pem");
            EmulatorCertificate.WritePublicPem(certificate, trust);
            var settings = Path.Combine(folder, "settings.json");
            await File.WriteAllTextAsync(settings, $$"""
                {
                  "eventHub": { "namespace": "localhost", "port": {{bridge.Port}}, "transport": "websockets", "hubName": "{{TestEmulator.Hub}}",
                                "sasPolicyName": "{{TestEmulator.Policy}}", "sasKey": "env:DC_WS_KEY" },
                  "output": { "path": "events.jsonl" },
                  "state": { "path": "state.db" }
                }
                """);
            var environment = new Dictionary<string, string> { ["DC_WS_KEY"] = key, ["SSL_CERT_FILE"] = trust };

            var (exit, stdout, stderr) = await Support.HostProcess.RunAsync(["pull", "--config", settings], environment, TimeSpan.FromMinutes(2), folder);

            Assert.True(exit == 0, $"The pull failed ({exit}).\n{stdout}\n{stderr}");
            Assert.True(bridge.Accepted > 0);
            Assert.DoesNotContain(key, stdout + stderr, StringComparison.Ordinal);
            var uids = File.ReadAllLines(Path.Combine(folder, "events.jsonl"))
                .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("metadata").GetProperty("uid").GetString())
                .Order();
            Assert.Equal(new[] { Uid("3", sequenceNumber, 0), Uid("3", sequenceNumber, 1) }.Order(), uids);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_pull_over_websockets_refuses_an_untrusted_gateway_certificate()
    {
        var (emulator, key) = await TestEmulator.StartAsync();
        await using var _ = emulator;
        using var certificate = EmulatorCertificate.Create("localhost");
        await using var bridge = await WebSocketBridge.StartAsync(certificate, emulator.Port);
        await using var harness = ConnectorHarness.ForEmulator(bridge.Port, key, e =>
        {
            e["namespace"] = "localhost";
            e["transport"] = "websockets";
        });
        emulator.Publish("0", DefenderRecords.Envelope(1, 1));

        var summary = await harness.PullAsync();

        Assert.StartsWith("TlsFailure:", summary.Error, StringComparison.Ordinal);
        Assert.Equal(0, bridge.Accepted);
        Assert.Empty(harness.Sink.Events);
        harness.AssertNoSecret(summary);
    }

    private static string Uid(string partition, long sequenceNumber, int record) =>
        DefenderConnector.Mapping.EventUid.ForEventHubRecord("localhost", TestEmulator.Hub, partition, sequenceNumber, record);
}
