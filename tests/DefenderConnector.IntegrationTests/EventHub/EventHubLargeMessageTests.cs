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
}
