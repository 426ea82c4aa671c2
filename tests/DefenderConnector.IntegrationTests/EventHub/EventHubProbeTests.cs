using System.Net;
using System.Net.Sockets;
using DefenderConnector.Abstractions;
using DefenderConnector.Emulator.EventHubs;
using DefenderConnector.IntegrationTests.Emulator;

namespace DefenderConnector.IntegrationTests.EventHub;

/// <summary>test-connectivity for the Event Hub source: one test per outcome, each checking that the key never appears.</summary>
public sealed class EventHubProbeTests
{
    [Fact]
    public async Task A_hub_with_events_is_connected_with_partition_facts()
    {
        var (emulator, key) = await TestEmulator.StartAsync();
        await using var _ = emulator;
        await using var harness = ConnectorHarness.ForEmulator(emulator.Port, key);
        var enqueued = new DateTimeOffset(2026, 11, 20, 8, 30, 0, TimeSpan.Zero);
        emulator.Publish("1", DefenderRecords.Envelope(1, 1), enqueuedTime: enqueued.AddHours(-1));
        emulator.Publish("1", DefenderRecords.Envelope(2, 1), enqueuedTime: enqueued);

        var report = await harness.ProbeAsync();

        Assert.Equal("Connected", report.Outcome);
        Assert.True(report.Succeeded);
        Assert.Equal(["dns", "tcp", "authentication", "hub", "consumer-group", "events"], report.Hops.Select(h => h.Name));
        Assert.Equal("4", Fact(report, "partitions"));
        Assert.Equal("no events", Fact(report, "partition 0"));
        Assert.Contains("last sequence number 1", Fact(report, "partition 1"), StringComparison.Ordinal);
        Assert.Contains("2026-11-20T08:30:00", Fact(report, "partition 1"), StringComparison.Ordinal);
        Assert.Contains("2026-11-20T08:30:00", report.Diagnosis, StringComparison.Ordinal);
        Assert.Empty(harness.Sink.Events);
        Assert.False(File.Exists(harness.StatePath) && (await harness.CheckpointAsync("1")) is not null);
        harness.AssertNoSecret(report);
    }

    [Fact]
    public async Task An_empty_hub_is_connected_without_events_as_a_warning()
    {
        var (emulator, key) = await TestEmulator.StartAsync();
        await using var _ = emulator;
        await using var harness = ConnectorHarness.ForEmulator(emulator.Port, key);

        var report = await harness.ProbeAsync();

        Assert.Equal("ConnectedNoEvents", report.Outcome);
        Assert.True(report.Succeeded);
        Assert.Equal(HopVerdict.Warning, report.Hops.Single(h => h.Name == "events").Verdict);
        Assert.Contains("no events", report.Diagnosis, StringComparison.Ordinal);
        harness.AssertNoSecret(report);
    }

    [Fact]
    public async Task A_wrong_key_is_unauthorized()
    {
        var (emulator, _) = await TestEmulator.StartAsync();
        await using var _ = emulator;
        await using var harness = ConnectorHarness.ForEmulator(emulator.Port, SasTokens.RandomKey());

        var report = await AssertFailsAsync(harness, "Unauthorized", "authentication");

        Assert.Contains("eventHub.sasKey", report.Diagnosis, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_policy_is_reported_by_name()
    {
        var (emulator, key) = await TestEmulator.StartAsync();
        await using var _ = emulator;
        await using var harness = ConnectorHarness.ForEmulator(emulator.Port, key, e => e["sasPolicyName"] = "x");

        var report = await AssertFailsAsync(harness, "UnknownPolicy", "authentication");

        Assert.Equal("The SAS policy 'x' is not defined on namespace 127.0.0.1: check eventHub.sasPolicyName (policy names are case-sensitive).", report.Diagnosis);
    }

    [Fact]
    public async Task An_unknown_hub_is_hub_not_found()
    {
        var (emulator, key) = await TestEmulator.StartAsync();
        await using var _ = emulator;
        await using var harness = ConnectorHarness.ForEmulator(emulator.Port, key, e => e["hubName"] = "nohub");

        var report = await AssertFailsAsync(harness, "HubNotFound", "authentication");

        Assert.Contains("'nohub'", report.Diagnosis, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_consumer_group_is_consumer_group_not_found()
    {
        var (emulator, key) = await TestEmulator.StartAsync();
        await using var _ = emulator;
        await using var harness = ConnectorHarness.ForEmulator(emulator.Port, key, e => e["consumerGroup"] = "audit");

        var report = await AssertFailsAsync(harness, "ConsumerGroupNotFound", "consumer-group");

        Assert.Contains("'audit'", report.Diagnosis, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_port_is_connection_refused()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var harness = ConnectorHarness.ForEmulator(port, SasTokens.RandomKey());

        var report = await AssertFailsAsync(harness, "ConnectionRefused", "tcp");

        Assert.Contains($"127.0.0.1:{port}", report.Diagnosis, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_a_dns_failure()
    {
        await using var harness = ConnectorHarness.ForEmulator(5671, SasTokens.RandomKey(), e =>
        {
            e["namespace"] = "defender-connector-test.invalid";
            e["transport"] = "amqps";
        });

        var report = await AssertFailsAsync(harness, "DnsFailure", "dns");

        Assert.Contains("eventHub.namespace", report.Diagnosis, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_untrusted_certificate_is_a_tls_failure()
    {
        var (emulator, key) = await TestEmulator.StartAsync(o =>
        {
            o.UseTls = true;
            o.Certificate = EmulatorCertificate.Create("localhost");
        });
        await using var _ = emulator;
        await using var harness = ConnectorHarness.ForEmulator(emulator.Port, key, e => e["transport"] = "amqps");

        var report = await AssertFailsAsync(harness, "TlsFailure", "tls");

        Assert.Contains("trusted", report.Hops.Single(h => h.Name == "tls").Detail, StringComparison.Ordinal);
    }

    private static async Task<ConnectivityReport> AssertFailsAsync(ConnectorHarness harness, string outcome, string failedHop)
    {
        var report = await harness.ProbeAsync();

        Assert.Equal(outcome, report.Outcome);
        Assert.False(report.Succeeded);
        var failed = Assert.Single(report.Hops, h => h.Verdict == HopVerdict.Failed);
        Assert.Equal(failedHop, failed.Name);
        Assert.All(report.Hops.SkipWhile(h => h.Name != failedHop).Skip(1), h => Assert.Equal(HopVerdict.Skipped, h.Verdict));
        Assert.False(string.IsNullOrWhiteSpace(report.Diagnosis));
        harness.AssertNoSecret(report);
        return report;
    }

    private static string Fact(ConnectivityReport report, string name) => report.Facts.Single(f => f.Key == name).Value;
}
