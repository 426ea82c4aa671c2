using DefenderConnector.IntegrationTests.Emulator;
using Xunit.Abstractions;

namespace DefenderConnector.IntegrationTests.EventHub;

/// <summary>Messages near the Standard tier's 1 MB limit, as Defender sends at volume, are delivered whole with the default byte bounds.</summary>
public sealed class EventHubLargeMessageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_backlog_of_1_MB_messages_is_delivered_exactly_once_with_default_settings()
    {
        const int PerMessage = 2100;
        const int Records = PerMessage * 24;
        var (emulator, key) = await TestEmulator.StartAsync();
        await using var _ = emulator;
        await using var harness = ConnectorHarness.ForEmulator(emulator.Port, key);
        var lines = DefenderRecords.Lines(0, Records).ToList();
        var messages = emulator.LoadRecords(lines, recordsPerMessage: PerMessage);

        var summary = await harness.PullAsync();
        foreach (var line in harness.Logs.Lines)
        {
            output.WriteLine(line);
        }

        Assert.Null(summary.Error);
        Assert.Equal(24, messages);
        Assert.Equal(Records, summary.EventsDelivered);
        Assert.Equal(Records, harness.DeliveredByUid().Count);
        foreach (var partition in emulator.PartitionIds)
        {
            Assert.Equal(emulator.GetLastSequenceNumber(partition), (await harness.CheckpointAsync(partition))?.SequenceNumber);
        }
    }

    [Fact]
    public async Task Messages_that_change_size_mid_backlog_are_delivered_exactly_once_as_the_receivers_change_their_prefetch()
    {
        // Small messages (the receivers move from the byte bound to a learned count), 1 MB ones (back to the
        // byte bound), then small ones again: every receiver is reopened after the last message it handed out.
        var (emulator, key) = await TestEmulator.StartAsync();
        await using var _ = emulator;
        await using var harness = ConnectorHarness.ForEmulator(emulator.Port, key);
        var small = emulator.LoadRecords(DefenderRecords.Lines(0, 4000), recordsPerMessage: 10);
        var large = emulator.LoadRecords(DefenderRecords.Lines(4000, 2100 * 8), recordsPerMessage: 2100);
        var smallAgain = emulator.LoadRecords(DefenderRecords.Lines(4000 + (2100 * 8), 4000), recordsPerMessage: 10);
        const int Records = 4000 + (2100 * 8) + 4000;

        var summary = await harness.PullAsync();

        Assert.Null(summary.Error);
        Assert.Equal((400, 8, 400), (small, large, smallAgain));
        Assert.Equal(Records, summary.EventsDelivered);
        var byUid = harness.DeliveredByUid();
        Assert.Equal(Records, byUid.Count);
        Assert.All(byUid.Values, copies => Assert.Single(copies));
        foreach (var partition in emulator.PartitionIds)
        {
            Assert.Equal(emulator.GetLastSequenceNumber(partition), (await harness.CheckpointAsync(partition))?.SequenceNumber);
        }
    }
}
