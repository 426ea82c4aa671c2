using DefenderConnector.IntegrationTests.Emulator;

namespace DefenderConnector.IntegrationTests.EventHub;

/// <summary>SAS authentication through CBS: refused keys and policies, and token renewal during a long pull.</summary>
public sealed class EventHubAuthenticationTests
{
    [Fact]
    public async Task A_wrong_key_fails_the_pull_as_unauthorized_without_delivering_or_leaking_it()
    {
        var (emulator, _) = await TestEmulator.StartAsync();
        await using var _ = emulator;
        var wrongKey = SasTokens.RandomKey();
        await using var harness = ConnectorHarness.ForEmulator(emulator.Port, wrongKey);
        emulator.Publish("0", DefenderRecords.Envelope(1, 2));

        var summary = await harness.PullAsync();

        Assert.Equal("Failed", summary.StopReason);
        Assert.StartsWith("Unauthorized:", summary.Error, StringComparison.Ordinal);
        Assert.Contains("eventHub.sasKey", summary.Error, StringComparison.Ordinal);
        Assert.Equal(0, summary.EventsDelivered);
        Assert.Empty(harness.Sink.Events);
        Assert.Null(await harness.CheckpointAsync("0"));
        harness.AssertNoSecret(summary);
    }

    [Fact]
    public async Task An_unknown_policy_fails_the_pull_as_unknown_policy()
    {
        var (emulator, key) = await TestEmulator.StartAsync();
        await using var _ = emulator;
        await using var harness = ConnectorHarness.ForEmulator(emulator.Port, key, e => e["sasPolicyName"] = "reader");
        emulator.Publish("0", DefenderRecords.Envelope(1, 2));

        var summary = await harness.PullAsync();

        Assert.Equal("Failed", summary.StopReason);
        Assert.StartsWith("UnknownPolicy:", summary.Error, StringComparison.Ordinal);
        Assert.Contains("'reader'", summary.Error, StringComparison.Ordinal);
        Assert.Contains("eventHub.sasPolicyName", summary.Error, StringComparison.Ordinal);
        Assert.Empty(harness.Sink.Events);
        harness.AssertNoSecret(summary);
    }

    [Fact]
    public async Task Tokens_are_renewed_so_a_pull_longer_than_their_lifetime_delivers_everything()
    {
        // The emulator detaches any link whose token expired without a renewing put-token.
        var (emulator, key) = await TestEmulator.StartAsync(o => o.PartitionCount = 2);
        await using var _ = emulator;
        await using var harness = ConnectorHarness.ForEmulator(emulator.Port, key, e =>
        {
            e["tokenLifetime"] = "30s";
            e["prefetch"] = 10;
            e["batchMessages"] = 5;
        });
        var expected = new List<string>();
        foreach (var partition in emulator.PartitionIds)
        {
            for (var m = 0; m < 60; m++)
            {
                var sequenceNumber = emulator.Publish(partition, DefenderRecords.Envelope(m, 2));
                expected.AddRange([harness.Uid(partition, sequenceNumber, 0), harness.Uid(partition, sequenceNumber, 1)]);
            }
        }

        // Hold the first batch until every audience (hub and both partitions) was renewed twice:
        // the first tokens (30 s) have expired by then, so the rest of the pull runs on renewed ones.
        var renewedTwice = harness.Logs.WhenLogged(2103, 6);
        var held = harness.Sink.HoldAfter(1);
        var pull = harness.PullAsync();
        await held.WaitAsync(TestTimeouts.Long);
        await renewedTwice.WaitAsync(TestTimeouts.Long);
        harness.Sink.Release();
        var summary = await pull;

        Assert.Null(summary.Error);
        Assert.Equal(expected.Order(), harness.DeliveredByUid().Keys.Order());
        Assert.Equal(expected.Count, summary.EventsDelivered);
        harness.AssertNoSecret(summary);
    }
}
