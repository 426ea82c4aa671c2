using DefenderConnector.Emulator.EventHubs;
using DefenderConnector.IntegrationTests.Emulator;

namespace DefenderConnector.IntegrationTests.EventHub;

/// <summary>AMQP over TLS with the emulator's generated certificate: trusted through eventHub.trustedCertificate, or refused.</summary>
public sealed class EventHubTlsTests
{
    [Fact]
    public async Task A_pull_over_tls_works_when_the_test_certificate_is_trusted()
    {
        var (emulator, key) = await TestEmulator.StartAsync(o =>
        {
            o.UseTls = true;
            o.Certificate = EmulatorCertificate.Create("localhost");
        });
        await using var _ = emulator;
        await using var harness = ConnectorHarness.ForEmulator(emulator.Port, key, e =>
        {
            e["namespace"] = "localhost";
            e["transport"] = "amqps";
            e["trustedCertificate"] = "emulator.pem";
        });
        EmulatorCertificate.WritePublicPem(emulator.Certificate!, Path.Combine(harness.Directory, "emulator.pem"));
        var sequenceNumber = emulator.Publish("2", DefenderRecords.Envelope(1, 2));

        var summary = await harness.PullAsync();

        Assert.Null(summary.Error);
        Assert.Equal(new[] { harness.Uid("2", sequenceNumber, 0), harness.Uid("2", sequenceNumber, 1) }.Order(), harness.DeliveredByUid().Keys.Order());
    }

    [Fact]
    public async Task A_pull_over_tls_fails_as_a_tls_failure_when_the_certificate_is_not_trusted()
    {
        var (emulator, key) = await TestEmulator.StartAsync(o =>
        {
            o.UseTls = true;
            o.Certificate = EmulatorCertificate.Create("localhost");
        });
        await using var _ = emulator;
        await using var harness = ConnectorHarness.ForEmulator(emulator.Port, key, e =>
        {
            e["namespace"] = "localhost";
            e["transport"] = "amqps";
        });
        emulator.Publish("0", DefenderRecords.Envelope(1, 2));

        var summary = await harness.PullAsync();

        Assert.Equal("Failed", summary.StopReason);
        Assert.StartsWith("TlsFailure:", summary.Error, StringComparison.Ordinal);
        Assert.Contains("TLS refused", summary.Error, StringComparison.Ordinal);
        Assert.Empty(harness.Sink.Events);
        harness.AssertNoSecret(summary);
    }
}
