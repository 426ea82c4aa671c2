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
    public async Task A_link_whose_authorization_expires_mid_pull_is_reopened_with_a_fresh_token_and_delivers_everything()
    {
        // The emulator detaches every link whose authorization expired, as the service does; the SDK renews
        // tokens only minutes before their 30-minute expiry, so an early expiry is forced here.
        var (emulator, key) = await TestEmulator.StartAsync(o => o.PartitionCount = 2);
        await using var _ = emulator;
        await using var harness = ConnectorHarness.ForEmulator(emulator.Port, key, e =>
        {
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

        var held = harness.Sink.HoldAfter(1);
        var pull = harness.PullAsync();
        await held.WaitAsync(TestTimeouts.Long);
        emulator.ExpireTokens();
        harness.Sink.Release();
        var summary = await pull;

        Assert.Null(summary.Error);
        Assert.Equal(expected.Order(), harness.DeliveredByUid().Keys.Order());
        Assert.Equal(expected.Count, summary.EventsDelivered);
        harness.AssertNoSecret(summary);
    }
}
