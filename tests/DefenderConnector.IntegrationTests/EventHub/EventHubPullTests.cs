using DefenderConnector.IntegrationTests.Emulator;

namespace DefenderConnector.IntegrationTests.EventHub;

/// <summary>The whole pull path (plugin, AMQP transport, pipeline, sink, state) against the emulator over loopback.</summary>
public sealed class EventHubPullTests
{
    [Fact]
    public async Task Authenticates_and_delivers_every_record_of_every_partition_once()
    {
        var (emulator, key) = await TestEmulator.StartAsync();
        await using var _ = emulator;
        await using var harness = ConnectorHarness.ForEmulator(emulator.Port, key);
        var expected = new List<string>();
        foreach (var partition in emulator.PartitionIds)
        {
            for (var m = 0; m < 5; m++)
            {
                var sequenceNumber = emulator.Publish(partition, DefenderRecords.Envelope((int.Parse(partition) * 100) + (m * 3), 3));
                expected.AddRange(Enumerable.Range(0, 3).Select(i => harness.Uid(partition, sequenceNumber, i)));
            }
        }

        var summary = await harness.PullAsync();

        Assert.Null(summary.Error);
        Assert.Equal("CaughtUp", summary.StopReason);
        Assert.Equal(expected.Count, summary.EventsDelivered);
        Assert.Equal(20, summary.MessagesRead);
        var delivered = harness.DeliveredByUid();
        Assert.Equal(expected.Order(), delivered.Keys.Order());
        Assert.All(delivered.Values, copies => Assert.Single(copies));
        foreach (var partition in emulator.PartitionIds)
        {
            Assert.Equal(emulator.GetLastSequenceNumber(partition), (await harness.CheckpointAsync(partition))?.SequenceNumber);
        }

        harness.AssertNoSecret(summary);
    }
}
