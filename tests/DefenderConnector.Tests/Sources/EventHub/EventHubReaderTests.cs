using System.Text.Json;
using DefenderConnector.Abstractions;
using DefenderConnector.Checkpoints;
using DefenderConnector.Configuration;
using DefenderConnector.Encoders;
using DefenderConnector.Pulling;
using DefenderConnector.Sources.EventHub;
using DefenderConnector.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace DefenderConnector.Tests.Sources.EventHub;

/// <summary>The Event Hub reader through the pull engine, over an in-memory hub: drain to the tail, checkpoint after the sink, no loss on failure.</summary>
public sealed class EventHubReaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CollectingSink _sink = new();
    private readonly InstantTimeProvider _time = new();
    private readonly FakeEventHubTransport _hub = new(partitions: 3);

    public void Dispose() => _temp.Dispose();

    private static string Body(params string[] tables) =>
        JsonSerializer.Serialize(new { records = tables.Select(t => new { time = "2026-11-23T08:00:00.1234567Z", tenantId = "t-1", category = "AdvancedHunting-" + t, properties = new { DeviceName = "host-1" } }) });

    private async Task<DefenderConnectorInstance> CreateAsync(Func<EventHubSourceOptions, EventHubSourceOptions>? adjust = null, int maxBatchEvents = 5000)
    {
        var options = new EventHubSourceOptions
        {
            FullyQualifiedNamespace = "ns.servicebus.windows.net",
            HubName = "hub",
            SasPolicyName = "p",
            SasKey = new Secret("k", "literal"),
            BatchMessages = 4,
        };
        options = adjust?.Invoke(options) ?? options;
        var source = new EventHubReader(options, () => _hub, _ => throw new InvalidOperationException(), NullLoggerFactory.Instance);
        await Task.CompletedTask;
        return new DefenderConnectorInstance([source], SqliteStateStore.Open(_temp.File("state.db")), new OcsfJsonEncoder(), new ConnectorContext(_sink, NullLoggerFactory.Instance, _time), maxBatchEvents);
    }

    private void PublishEverywhere(int messagesPerPartition)
    {
        foreach (var p in new[] { "0", "1", "2" })
        {
            for (var i = 0; i < messagesPerPartition; i++)
            {
                _hub.Publish(p, Body("DeviceProcessEvents", "DeviceNetworkEvents"));
            }
        }
    }

    private IReadOnlyList<string> Uids() => _sink.Events.Select(e => JsonDocument.Parse(e).RootElement.GetProperty("metadata").GetProperty("uid").GetString()!).ToList();

    [Fact]
    public async Task APullDrainsEveryPartitionAndTheNextReadsOnlyNewEvents()
    {
        PublishEverywhere(10);
        await using var connector = await CreateAsync();

        var first = await connector.PullAsync("eventhub", CancellationToken.None);
        Assert.Equal("CaughtUp", first.StopReason);
        Assert.Equal(60, first.EventsDelivered);
        Assert.Equal(30, first.MessagesRead);
        Assert.Equal(30, first.EventsByTable["DeviceProcessEvents"]);

        var idle = await connector.PullAsync("eventhub", CancellationToken.None);
        Assert.Equal(0, idle.EventsDelivered);

        _hub.Publish("1", Body("DeviceFileEvents"));
        var second = await connector.PullAsync("eventhub", CancellationToken.None);
        Assert.Equal(1, second.EventsDelivered);
        Assert.Equal(61, _sink.Events.Count);
        Assert.Equal(61, Uids().Distinct().Count());
    }

    [Fact]
    public async Task APartitionThatGoesQuietBeforeItsTailIsNamedInTheSummaryAndTheNextPullContinuesWithoutLoss()
    {
        PublishEverywhere(10);
        _hub.StallReaders("1", afterMessages: 6);
        await using var connector = await CreateAsync();

        var first = await connector.PullAsync("eventhub", CancellationToken.None);
        Assert.Equal(2 * (10 + 6 + 10), first.EventsDelivered);
        Assert.Equal("StoppedEarly", first.StopReason);
        var stopped = Assert.Single(first.Facts, f => f.Key.EndsWith("stopped early", StringComparison.Ordinal));
        Assert.Equal("partition 1 stopped early", stopped.Key);
        Assert.Contains("after sequence number 5, short of the tail 9", stopped.Value, StringComparison.Ordinal);

        _hub.StallReaders("1", afterMessages: int.MaxValue);
        var second = await connector.PullAsync("eventhub", CancellationToken.None);
        Assert.Equal(2 * 4, second.EventsDelivered);
        Assert.Equal("CaughtUp", second.StopReason);
        Assert.DoesNotContain(second.Facts, f => f.Key.EndsWith("stopped early", StringComparison.Ordinal));
        Assert.Equal(60, Uids().Distinct().Count());
        Assert.Equal(60, _sink.Events.Count);
    }

    [Fact]
    public async Task ASinkFailureCommitsNothingAndTheNextPullDeliversEverything()
    {
        PublishEverywhere(2);
        await using var connector = await CreateAsync();
        _sink.FailNext(100);

        var failed = await connector.PullAsync("eventhub", CancellationToken.None);
        Assert.Equal("Failed", failed.StopReason);
        Assert.Contains("sink", failed.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(_sink.Events);

        _sink.FailNext(0);
        var retried = await connector.PullAsync("eventhub", CancellationToken.None);
        Assert.Equal(12, retried.EventsDelivered);
    }

    [Fact]
    public async Task ATransientFailureReopensFromTheLastCommittedPositionWithoutLossOrGap()
    {
        PublishEverywhere(10);
        _hub.FailReader("1", afterMessages: 6, new ConnectorException(EventHubFailureReason.ConnectionLost, isTransient: true, "link detached"));
        await using var connector = await CreateAsync();

        var summary = await connector.PullAsync("eventhub", CancellationToken.None);

        Assert.Equal("CaughtUp", summary.StopReason);
        Assert.Equal(60, _sink.Events.Count);
        Assert.Equal(60, Uids().Distinct().Count());
        Assert.Single(_time.Delays);
    }

    [Fact]
    public async Task LosingOwnershipEndsThePullWithAClearError()
    {
        PublishEverywhere(3);
        _hub.FailReader("0", afterMessages: 0, new ConnectorException(EventHubFailureReason.OwnershipLost, isTransient: false, "A receiver with a higher owner level took partition 0."));
        await using var connector = await CreateAsync();

        var summary = await connector.PullAsync("eventhub", CancellationToken.None);

        Assert.Equal("Failed", summary.StopReason);
        Assert.StartsWith("OwnershipLost: ", summary.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaxEventsPerPullStopsThePullAndTheRestFollowsNextTime()
    {
        PublishEverywhere(10);
        await using var connector = await CreateAsync(o => o with { MaxEventsPerPull = 10 });

        var first = await connector.PullAsync("eventhub", CancellationToken.None);
        Assert.Equal("MaxEvents", first.StopReason);
        Assert.InRange(first.EventsDelivered, 10, 10 + (3 * 4 * 2));

        while ((await connector.PullAsync("eventhub", CancellationToken.None)).EventsDelivered > 0)
        {
        }

        Assert.Equal(60, _sink.Events.Count);
        Assert.Equal(60, Uids().Distinct().Count());
    }

    [Fact]
    public async Task OutputMaxBatchEventsBoundsEverySinkBatchAndLosesNothing()
    {
        PublishEverywhere(10);
        await using var connector = await CreateAsync(maxBatchEvents: 3);

        var pull = await connector.PullAsync("eventhub", CancellationToken.None);

        // 4 messages of 2 records per read: each read goes out as sink batches of 3 and 1 (twice), never more than 3.
        Assert.Equal("CaughtUp", pull.StopReason);
        Assert.Equal(60, pull.EventsDelivered);
        Assert.Equal(3, _sink.LargestBatch);
        Assert.Equal(60, Uids().Distinct().Count());
        Assert.Equal(0, (await connector.PullAsync("eventhub", CancellationToken.None)).EventsDelivered);
    }

    [Fact]
    public async Task LatestSkipsTheBacklogAndDeliversOnlyLaterEvents()
    {
        PublishEverywhere(5);
        await using var connector = await CreateAsync(o => o with { InitialPosition = StartPosition.Latest });

        Assert.Equal(0, (await connector.PullAsync("eventhub", CancellationToken.None)).EventsDelivered);
        _hub.Publish("2", Body("EmailEvents"));
        var next = await connector.PullAsync("eventhub", CancellationToken.None);

        Assert.Equal(1, next.EventsDelivered);
        Assert.Contains("EmailEvents", _sink.Events.Single());
    }

    [Fact]
    public async Task AnEnqueuedTimeStartsAtTheFirstEventAtOrAfterIt()
    {
        var t0 = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 10; i++)
        {
            _hub.Publish("0", Body("DeviceInfo"), t0.AddMinutes(i));
        }

        await using var connector = await CreateAsync(o => o with { InitialPosition = StartPosition.At(t0.AddMinutes(7)) });

        Assert.Equal(3, (await connector.PullAsync("eventhub", CancellationToken.None)).EventsDelivered);
    }

    [Fact]
    public async Task BadMessagesAreDeadLetteredCountedAndPassed()
    {
        _hub.Publish("0", Body("DeviceInfo"));
        _hub.Publish("0", "this is not json");
        _hub.Publish("0", """{"value":[]}""");
        _hub.Publish("0", """{"records":[{"category":"AdvancedHunting-DeviceInfo","properties":{}}, 42]}""");
        _hub.Publish("0", Body("DeviceInfo"));
        await using var connector = await CreateAsync();

        var summary = await connector.PullAsync("eventhub", CancellationToken.None);

        Assert.Equal("CaughtUp", summary.StopReason);
        Assert.Equal(3, summary.EventsDelivered);
        Assert.Equal(3, summary.DeadLettered);
        Assert.Equal(1, summary.DeadLettersByReason[DeadLetterReasons.NotJson]);
        Assert.Equal(1, summary.DeadLettersByReason[DeadLetterReasons.NoRecordsArray]);
        Assert.Equal(1, summary.DeadLettersByReason[DeadLetterReasons.RecordNotObject]);
        Assert.Equal(0, (await connector.PullAsync("eventhub", CancellationToken.None)).DeadLettered);
    }

    [Fact]
    public async Task EventIdsDependOnlyOnTheSourcePosition()
    {
        PublishEverywhere(2);
        await using (var first = await CreateAsync())
        {
            await first.PullAsync("eventhub", CancellationToken.None);
        }

        var before = Uids();
        File.Delete(_temp.File("state.db"));
        await using (var replay = await CreateAsync())
        {
            await replay.PullAsync("eventhub", CancellationToken.None);
        }

        var all = Uids();
        Assert.Equal(before.Order(), all.Skip(before.Count).Order());
    }
}
