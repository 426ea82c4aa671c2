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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Ecs_output_keeps_the_whole_ocsf_event_unless_ecsOriginal_is_false(bool original)
    {
        var (emulator, key) = await TestEmulator.StartAsync(o => o.PartitionCount = 1);
        await using var _ = emulator;
        await using var harness = ConnectorHarness.ForEmulator(emulator.Port, key);
        harness.Output = new System.Text.Json.Nodes.JsonObject { ["format"] = "ecs", ["ecsOriginal"] = original };
        emulator.Publish("0", DefenderRecords.Envelope(1, 3));

        var summary = await harness.PullAsync();

        Assert.Null(summary.Error);
        Assert.Equal(3, summary.EventsDelivered);
        Assert.All(harness.Sink.Events, bytes =>
        {
            using var document = System.Text.Json.JsonDocument.Parse(bytes);
            var ocsf = document.RootElement.GetProperty("ocsf");
            Assert.True(ocsf.TryGetProperty("class_uid", out var _));
            Assert.Equal(original, ocsf.TryGetProperty("original", out var _));
            Assert.Equal("event", document.RootElement.GetProperty("event").GetProperty("kind").GetString());
        });
    }

    [Fact]
    public async Task A_second_pull_resumes_after_the_checkpoint_and_returns_only_new_events()
    {
        var (emulator, key) = await TestEmulator.StartAsync(o => o.PartitionCount = 2);
        await using var _ = emulator;
        await using var harness = ConnectorHarness.ForEmulator(emulator.Port, key);
        emulator.Publish("0", DefenderRecords.Envelope(1, 2));
        emulator.Publish("1", DefenderRecords.Envelope(3, 2));

        var first = await harness.PullAsync();
        Assert.Equal(4, first.EventsDelivered);
        harness.Sink.Clear();

        var again = await harness.PullAsync();
        Assert.Equal(0, again.EventsDelivered);
        Assert.Empty(harness.Sink.Events);

        var newer = emulator.Publish("1", DefenderRecords.Envelope(5, 3));
        var second = await harness.PullAsync();

        Assert.Null(second.Error);
        Assert.Equal(3, second.EventsDelivered);
        Assert.Equal(Enumerable.Range(0, 3).Select(i => harness.Uid("1", newer, i)).Order(), harness.DeliveredByUid().Keys.Order());
        Assert.Equal(newer, (await harness.CheckpointAsync("1"))?.SequenceNumber);
    }

    [Fact]
    public async Task Latest_delivers_nothing_at_first_and_then_only_events_published_after_it()
    {
        var (emulator, key) = await TestEmulator.StartAsync();
        await using var _ = emulator;
        await using var harness = ConnectorHarness.ForEmulator(emulator.Port, key, e => e["initialPosition"] = "latest");
        emulator.Publish("0", DefenderRecords.Envelope(1, 2));
        emulator.Publish("1", DefenderRecords.Envelope(3, 2));

        var first = await harness.PullAsync();
        Assert.Null(first.Error);
        Assert.Equal(0, first.EventsDelivered);

        // Partitions 2 and 3 were empty at the first pull: their first events count as new too.
        var expected = new List<string>();
        foreach (var partition in emulator.PartitionIds)
        {
            var sequenceNumber = emulator.Publish(partition, DefenderRecords.Envelope(10, 1));
            expected.Add(harness.Uid(partition, sequenceNumber, 0));
        }

        var second = await harness.PullAsync();

        Assert.Null(second.Error);
        Assert.Equal(expected.Order(), harness.DeliveredByUid().Keys.Order());
    }

    [Fact]
    public async Task An_initial_time_delivers_only_events_enqueued_at_or_after_it()
    {
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var (emulator, key) = await TestEmulator.StartAsync(o => o.PartitionCount = 2);
        await using var _ = emulator;
        await using var harness = ConnectorHarness.ForEmulator(emulator.Port, key, e => e["initialPosition"] = "2026-11-01T00:00:00Z");
        emulator.Publish("0", DefenderRecords.Envelope(1, 1), enqueuedTime: start.AddHours(-2));
        emulator.Publish("0", DefenderRecords.Envelope(2, 1), enqueuedTime: start.AddMilliseconds(-1));
        var at = emulator.Publish("0", DefenderRecords.Envelope(3, 1), enqueuedTime: start);
        var after = emulator.Publish("0", DefenderRecords.Envelope(4, 1), enqueuedTime: start.AddMinutes(5));
        var older = emulator.Publish("1", DefenderRecords.Envelope(5, 1), enqueuedTime: start.AddDays(-1));

        var first = await harness.PullAsync();

        Assert.Null(first.Error);
        Assert.Equal(new[] { harness.Uid("0", at, 0), harness.Uid("0", after, 0) }.Order(), harness.DeliveredByUid().Keys.Order());

        // Partition 1 held only older events: it is remembered at its tail, and a later event arrives.
        Assert.Equal(older, (await harness.CheckpointAsync("1"))?.SequenceNumber);
        harness.Sink.Clear();
        var later = emulator.Publish("1", DefenderRecords.Envelope(6, 1), enqueuedTime: start.AddDays(1));
        var second = await harness.PullAsync();
        Assert.Equal([harness.Uid("1", later, 0)], harness.DeliveredByUid().Keys);
        Assert.Equal(1, second.EventsDelivered);
    }
}
