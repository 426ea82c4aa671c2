using DefenderConnector.Emulator.EventHubs;
using DefenderConnector.IntegrationTests.Emulator;

namespace DefenderConnector.IntegrationTests.EventHub;

/// <summary>AMQP over secure WebSockets (<c>transport: websockets</c>) through a wss gateway in front of the emulator.</summary>
public sealed class EventHubWebSocketTests
{
    [Fact]
    public async Task A_pull_over_websockets_delivers_with_a_trusted_test_certificate()
    {
        var (emulator, key) = await TestEmulator.StartAsync();
        await using var _ = emulator;
        using var certificate = EmulatorCertificate.Create("localhost");
        await using var bridge = await WebSocketBridge.StartAsync(certificate, emulator.Port);
        await using var harness = ConnectorHarness.ForEmulator(bridge.Port, key, e =>
        {
            e["namespace"] = "localhost";
            e["transport"] = "websockets";
            e["trustedCertificate"] = "gateway.pem";
        });
        EmulatorCertificate.WritePublicPem(certificate, Path.Combine(harness.Directory, "gateway.pem"));
        var sequenceNumber = emulator.Publish("3", DefenderRecords.Envelope(1, 2));

        var summary = await harness.PullAsync();

        Assert.Null(summary.Error);
        Assert.True(bridge.Accepted > 0);
        Assert.Equal(new[] { harness.Uid("3", sequenceNumber, 0), harness.Uid("3", sequenceNumber, 1) }.Order(), harness.DeliveredByUid().Keys.Order());
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
}
