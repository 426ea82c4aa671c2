using DefenderConnector.Emulator.EventHubs;
using DefenderConnector.IntegrationTests.Emulator;
using DefenderConnector.IntegrationTests.EventHub;

namespace DefenderConnector.IntegrationTests.Robustness;

/// <summary>
/// Transport faults that are transient on the real service, injected while a pull is mid-way: the
/// pull retries them and delivers every record, instead of failing as Unknown or HubNotFound.
/// </summary>
public sealed class TransientFaultTests
{
    [Fact]
    public async Task Aborted_sockets_mid_pull_are_retried_and_lose_nothing()
    {
        await AssertRecoversAsync(emulator => emulator.DropConnections(abortSockets: true));
    }

    [Fact]
    public async Task A_link_level_not_found_while_reading_is_retried_and_loses_nothing()
    {
        await AssertRecoversAsync(emulator => emulator.DetachReceivers("amqp:not-found"));
    }

    private static async Task AssertRecoversAsync(Action<EventHubEmulator> fault)
    {
        var (emulator, key) = await TestEmulator.StartAsync(o => o.PartitionCount = 2);
        await using var _ = emulator;
        await using var harness = ConnectorHarness.ForEmulator(emulator.Port, key, e =>
        {
            e["prefetch"] = 10;
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
        fault(emulator);
        harness.Sink.Release();
        var summary = await pull;

        Assert.Null(summary.Error);
        Assert.Equal("CaughtUp", summary.StopReason);
        Assert.Equal(expected.Order(), harness.DeliveredByUid().Keys.Order());

        // The detached receivers were replaced: the SDK re-attaches on the next read (from the last event it
        // returned), or the connector's retry reopens from the last checkpoint; either way none is left once the
        // client's detaches have reached the emulator.
        await TestEmulator.WaitForNoReceiversAsync(emulator);
        Assert.Equal(0, emulator.ActiveReceiverCount);
    }
}
