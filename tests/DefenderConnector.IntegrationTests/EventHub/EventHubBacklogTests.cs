using System.Diagnostics;
using DefenderConnector.IntegrationTests.Emulator;
using Xunit.Abstractions;

namespace DefenderConnector.IntegrationTests.EventHub;

/// <summary>A large backlog is delivered completely and exactly once; the rate is printed, never asserted.</summary>
public sealed class EventHubBacklogTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_backlog_of_100000_records_is_delivered_exactly_once()
    {
        const int Records = 100_000;
        var (emulator, key) = await TestEmulator.StartAsync();
        await using var _ = emulator;
        await using var harness = ConnectorHarness.ForEmulator(emulator.Port, key);
        var messages = emulator.LoadRecords(DefenderRecords.Lines(0, Records), recordsPerMessage: 10);

        var clock = Stopwatch.StartNew();
        var pulls = 0;
        long delivered = 0;
        while (delivered < Records && pulls < 5)
        {
            var summary = await harness.PullAsync();
            Assert.Null(summary.Error);
            delivered += summary.EventsDelivered;
            pulls++;
        }

        clock.Stop();
        output.WriteLine($"{Records} records in {messages} messages over {emulator.PartitionIds.Count} partitions: {pulls} pull(s), {clock.Elapsed.TotalSeconds:0.00} s, {Records / clock.Elapsed.TotalSeconds:0} events/s, {harness.Sink.Batches} sink batches");

        Assert.Equal(10_000, messages);
        Assert.Equal(Records, delivered);
        Assert.Equal(Records, harness.Sink.Count);
        var expected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var partition in emulator.PartitionIds)
        {
            var last = emulator.GetLastSequenceNumber(partition);
            for (long sequenceNumber = 0; sequenceNumber <= last; sequenceNumber++)
            {
                for (var i = 0; i < 10; i++)
                {
                    expected.Add(harness.Uid(partition, sequenceNumber, i));
                }
            }

            Assert.Equal(last, (await harness.CheckpointAsync(partition))?.SequenceNumber);
        }

        var byUid = harness.DeliveredByUid();
        Assert.Equal(Records, expected.Count);
        Assert.True(expected.SetEquals(byUid.Keys));
        Assert.All(byUid.Values, copies => Assert.Single(copies));
    }
}
