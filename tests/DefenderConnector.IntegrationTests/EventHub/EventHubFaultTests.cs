using DefenderConnector.Emulator.EventHubs;
using DefenderConnector.IntegrationTests.Emulator;

namespace DefenderConnector.IntegrationTests.EventHub;

/// <summary>
/// Faults injected while a pull is mid-way (the sink holds a batch until the fault is in place):
/// transient ones must lose nothing and skip nothing; an ownership conflict must stop the pull clearly.
/// </summary>
public sealed class EventHubFaultTests
{
    [Fact]
    public async Task A_forced_detach_mid_pull_loses_nothing()
    {
        await AssertRecoversAsync(emulator => emulator.DetachReceivers("amqp:link:detach-forced"));
    }

    [Fact]
    public async Task A_dropped_connection_mid_pull_loses_nothing()
    {
        await AssertRecoversAsync(emulator => emulator.DropConnections());
    }

    [Fact]
    public async Task A_receiver_with_a_higher_owner_level_takes_the_partition_and_the_pull_reports_ownership_lost()
    {
        var (emulator, key) = await TestEmulator.StartAsync(o => o.PartitionCount = 1);
        await using var _ = emulator;
        await using var harness = ConnectorHarness.ForEmulator(emulator.Port, key, e =>
        {
            e["ownerLevel"] = 1;
            e["prefetch"] = 5;
            e["batchMessages"] = 5;
        });
        for (var m = 0; m < 50; m++)
        {
            emulator.Publish("0", DefenderRecords.Envelope(m, 1));
        }

        var held = harness.Sink.HoldAfter(1);
        var pull = harness.PullAsync();
        await held.WaitAsync(TestTimeouts.Long);
        await using var thief = await EmulatorTestClient.ConnectAsync(emulator);
        await thief.AuthorizeAsync(TestEmulator.Hub, TestEmulator.Policy, key);
        var stealing = thief.OpenReceiver(TestEmulator.ConsumerPath("0"), epoch: 2);
        Assert.True(await stealing.Accepted());
        harness.Sink.Release();
        var summary = await pull;

        Assert.Equal("Failed", summary.StopReason);
        Assert.StartsWith("OwnershipLost:", summary.Error, StringComparison.Ordinal);
        Assert.Contains("owner level", summary.Error, StringComparison.Ordinal);
        Assert.True(summary.EventsDelivered < 50);
        harness.AssertNoSecret(summary);
    }

    [Fact]
    public async Task A_sink_that_throws_checkpoints_nothing_and_the_next_pull_delivers_again()
    {
        var (emulator, key) = await TestEmulator.StartAsync(o => o.PartitionCount = 2);
        await using var _ = emulator;
        await using var harness = ConnectorHarness.ForEmulator(emulator.Port, key);
        var expected = new List<string>();
        foreach (var partition in emulator.PartitionIds)
        {
            var sequenceNumber = emulator.Publish(partition, DefenderRecords.Envelope(1, 2));
            expected.AddRange([harness.Uid(partition, sequenceNumber, 0), harness.Uid(partition, sequenceNumber, 1)]);
        }

        harness.Sink.FailWrites = true;
        var failed = await harness.PullAsync();

        Assert.Equal("Failed", failed.StopReason);
        Assert.StartsWith("SinkFailed:", failed.Error, StringComparison.Ordinal);
        Assert.Equal(0, failed.EventsDelivered);
        Assert.Null(await harness.CheckpointAsync("0"));
        Assert.Null(await harness.CheckpointAsync("1"));

        harness.Sink.FailWrites = false;
        var retried = await harness.PullAsync();

        Assert.Null(retried.Error);
        Assert.Equal(expected.Order(), harness.DeliveredByUid().Keys.Order());
    }

    private static async Task AssertRecoversAsync(Action<EventHubEmulator> fault)
    {
        var (emulator, key) = await TestEmulator.StartAsync();
        await using var _ = emulator;
        await using var harness = ConnectorHarness.ForEmulator(emulator.Port, key, e =>
        {
            e["prefetch"] = 20;
            e["batchMessages"] = 10;
        });
        var expected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var partition in emulator.PartitionIds)
        {
            for (var m = 0; m < 100; m++)
            {
                var sequenceNumber = emulator.Publish(partition, DefenderRecords.Envelope(m * 5, 5));
                expected.UnionWith(Enumerable.Range(0, 5).Select(i => harness.Uid(partition, sequenceNumber, i)));
            }
        }

        var held = harness.Sink.HoldAfter(200);
        var pull = harness.PullAsync();
        await held.WaitAsync(TestTimeouts.Long);
        var receiversBefore = emulator.ActiveReceiverCount;
        fault(emulator);
        harness.Sink.Release();
        var summary = await pull;

        Assert.True(receiversBefore > 0);
        Assert.Null(summary.Error);
        Assert.Equal("CaughtUp", summary.StopReason);
        var delivered = harness.DeliveredByUid();
        Assert.Equal(expected.Order(), delivered.Keys.Order());

        // A record read again after the fault is the same event: same uid, same content.
        Assert.All(delivered.Values, copies => Assert.All(copies, copy => Assert.Equal(copies[0], copy)));
        foreach (var partition in emulator.PartitionIds)
        {
            Assert.Equal(emulator.GetLastSequenceNumber(partition), (await harness.CheckpointAsync(partition))?.SequenceNumber);
        }

        // The receivers the fault closed were replaced: either the SDK re-attached on the next read (from
        // the last event it returned) or the connector's retry reopened from the last checkpoint. The
        // client's detach reaches the emulator after the pull has returned, so wait for it (bounded).
        await TestEmulator.WaitForNoReceiversAsync(emulator);
        Assert.Equal(0, emulator.ActiveReceiverCount);
    }
}
