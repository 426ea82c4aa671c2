using System.Text;
using DefenderConnector.IntegrationTests.Emulator;

namespace DefenderConnector.IntegrationTests.EventHub;

/// <summary>Bad messages are dead-lettered with their position and raw bytes, counted, and never stop the pull.</summary>
public sealed class EventHubDeadLetterTests
{
    [Fact]
    public async Task Non_json_and_records_less_bodies_are_dead_lettered_and_later_messages_delivered()
    {
        var (emulator, key) = await TestEmulator.StartAsync(o => o.PartitionCount = 1);
        await using var _ = emulator;
        await using var harness = ConnectorHarness.ForEmulator(emulator.Port, key);
        var good1 = emulator.Publish("0", DefenderRecords.Envelope(1, 2));
        var notJson = emulator.Publish("0", Encoding.UTF8.GetBytes("this is not json {"));
        var good2 = emulator.Publish("0", DefenderRecords.Envelope(3, 1));
        var noRecords = emulator.Publish("0", Encoding.UTF8.GetBytes("{\"value\":[{\"a\":1}]}"));
        var good3 = emulator.Publish("0", DefenderRecords.Envelope(4, 1));

        var summary = await harness.PullAsync();

        Assert.Null(summary.Error);
        Assert.Equal(5, summary.MessagesRead);
        Assert.Equal(4, summary.EventsDelivered);
        Assert.Equal(2, summary.DeadLettered);
        Assert.Equal(1, summary.DeadLettersByReason["NotJson"]);
        Assert.Equal(1, summary.DeadLettersByReason["NoRecordsArray"]);
        string[] expected = [harness.Uid("0", good1, 0), harness.Uid("0", good1, 1), harness.Uid("0", good2, 0), harness.Uid("0", good3, 0)];
        Assert.Equal(expected.Order(), harness.DeliveredByUid().Keys.Order());
        Assert.Equal(good3, (await harness.CheckpointAsync("0"))?.SequenceNumber);

        var letters = await harness.DeadLettersAsync();
        Assert.Equal(2, letters.Count);
        var first = Assert.Single(letters, l => l.Reason == "NotJson");
        Assert.Equal(notJson, first.SequenceNumber);
        Assert.Equal("0", first.Partition);
        Assert.Equal("this is not json {", Encoding.UTF8.GetString(first.Raw.Span));
        Assert.Equal(noRecords, Assert.Single(letters, l => l.Reason == "NoRecordsArray").SequenceNumber);

        harness.Sink.Clear();
        var later = emulator.Publish("0", DefenderRecords.Envelope(9, 1));
        var next = await harness.PullAsync();

        Assert.Equal(0, next.DeadLettered);
        Assert.Equal([harness.Uid("0", later, 0)], harness.DeliveredByUid().Keys);
        Assert.Equal(2, (await harness.DeadLettersAsync()).Count);
    }
}
