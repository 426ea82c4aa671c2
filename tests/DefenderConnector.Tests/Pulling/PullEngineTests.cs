using System.Text.Json;
using DefenderConnector.Abstractions;
using DefenderConnector.Encoders;
using DefenderConnector.Pulling;
using DefenderConnector.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace DefenderConnector.Tests.Pulling;

/// <summary>The pull engine's guarantees on our own fakes: budget, batching, commit after the sink only, retry from the last commit, classified failures.</summary>
public sealed class PullEngineTests
{
    private readonly List<string> _log = [];
    private readonly LoggingSink _sink;
    private readonly InMemoryStateStore _state;

    public PullEngineTests()
    {
        _sink = new LoggingSink(_log);
        _state = new InMemoryStateStore(_log);
    }

    private PullEngine Engine(TimeProvider? time = null, int maxBatchEvents = 5000) =>
        new(_state, new OcsfJsonEncoder(), new ConnectorContext(_sink, NullLoggerFactory.Instance, time ?? new InstantTimeProvider()), maxBatchEvents);

    [Fact]
    public async Task MaxEventsStopsThePullAtTheBudgetAndCommitsWhatWasDelivered()
    {
        var reader = new ScriptedStreamReader(chunkSize: 4);
        reader.Publish(100);
        var summary = await Engine().PullAsync(new ReaderSource(reader, maxEvents: 10), CancellationToken.None);

        Assert.Equal("MaxEvents", summary.StopReason);
        Assert.Equal(10, summary.EventsDelivered);
        Assert.Equal(10, _sink.Events.Count);
        Assert.Equal(9, reader.CommittedSequenceNumbers[^1]);
    }

    [Fact]
    public async Task MaxDurationOnTheInjectedClockStopsThePullBetweenReads()
    {
        var clock = new ManualTimeProvider();
        var reader = new ScriptedStreamReader(chunkSize: 2) { OnRead = () => clock.Advance(TimeSpan.FromMinutes(1)) };
        reader.Publish(100);
        var summary = await Engine(clock).PullAsync(new ReaderSource(reader, maxDuration: TimeSpan.FromMinutes(3)), CancellationToken.None);

        // Reads at minutes 1, 2 and 3; the third reaches the limit, so no fourth read starts.
        Assert.Equal("MaxDuration", summary.StopReason);
        Assert.Equal(6, summary.EventsDelivered);
        Assert.Equal([1L, 3, 5], reader.CommittedSequenceNumbers);
    }

    [Fact]
    public async Task ABatchThatReachesMaxBatchEventsIsDeliveredAndCommittedAtOnce()
    {
        var reader = new ScriptedStreamReader(chunkSize: 10);
        reader.Publish(10);
        var summary = await Engine(maxBatchEvents: 3).PullAsync(new ReaderSource(reader), CancellationToken.None);

        Assert.Equal(10, summary.EventsDelivered);
        Assert.Equal([3, 3, 3, 1], _sink.BatchSizes);
        Assert.Equal([2L, 5, 8, 9], reader.CommittedSequenceNumbers);
    }

    [Fact]
    public async Task NoSinkBatchHoldsMoreThanMaxBatchEventsEvenFromOneLargeMessage()
    {
        var reader = new ScriptedStreamReader(chunkSize: 10);
        reader.Publish(1, recordsPerMessage: 7);
        var summary = await Engine(maxBatchEvents: 3).PullAsync(new ReaderSource(reader), CancellationToken.None);

        Assert.Equal(7, summary.EventsDelivered);
        Assert.Equal([3, 3, 1], _sink.BatchSizes);

        // The message's position is committed once, after all three sink batches.
        Assert.Equal(["sink 3", "sink 3", "sink 1", "commit 0"], _log);
    }

    [Fact]
    public async Task EachPositionIsCommittedOnlyAfterTheSinkStoredWhatItCovers()
    {
        var reader = new ScriptedStreamReader(chunkSize: 2);
        reader.Publish(5);
        await Engine().PullAsync(new ReaderSource(reader), CancellationToken.None);

        Assert.Equal(["sink 2", "commit 1", "sink 2", "commit 3", "sink 1", "commit 4"], _log);
    }

    [Fact]
    public async Task ASinkFailureCommitsNothingAndEndsThePullAsSinkFailed()
    {
        var reader = new ScriptedStreamReader(chunkSize: 5);
        reader.Publish(5);
        _sink.FailNext(1);
        var summary = await Engine().PullAsync(new ReaderSource(reader), CancellationToken.None);

        Assert.Equal("Failed", summary.StopReason);
        Assert.StartsWith("SinkFailed: The sink did not store a batch of 5 events", summary.Error, StringComparison.Ordinal);
        Assert.Empty(_state.Commits);
        Assert.Empty(reader.CommittedSequenceNumbers);
        Assert.Equal(0, summary.EventsDelivered);
    }

    [Fact]
    public async Task ATransientReaderFailureReopensFromTheLastCommittedPositionWithoutLossOrDuplicates()
    {
        var reader = new ScriptedStreamReader(chunkSize: 3);
        reader.Publish(9);
        reader.FailOnRead(2, new ConnectorException(ConnectorFailure.EventHub, "ConnectionLost", isTransient: true, "The link was detached."));
        var time = new InstantTimeProvider();
        var summary = await Engine(time).PullAsync(new ReaderSource(reader), CancellationToken.None);

        Assert.Equal("CaughtUp", summary.StopReason);
        Assert.Null(summary.Error);
        Assert.Equal([-1L, 2], reader.Opens);
        Assert.Equal(1, reader.Retries);
        Assert.Equal([TimeSpan.FromSeconds(1)], time.Delays);
        Assert.Equal(9, _sink.Events.Count);
        Assert.Equal(9, _sink.Events.Select(Uid).Distinct().Count());
    }

    [Fact]
    public async Task ANonTransientReaderFailureEndsThePullWithItsClassifiedReason()
    {
        var reader = new ScriptedStreamReader(chunkSize: 3);
        reader.Publish(9);
        reader.FailOnRead(2, new ConnectorException(ConnectorFailure.EventHub, "OwnershipLost", isTransient: false, "Another reader took partition 0."));
        var metrics = new RecordingMetrics();
        var engine = new PullEngine(_state, new OcsfJsonEncoder(), new ConnectorContext(_sink, NullLoggerFactory.Instance, new InstantTimeProvider(), metrics), 5000);
        var summary = await engine.PullAsync(new ReaderSource(reader), CancellationToken.None);

        Assert.Equal("Failed", summary.StopReason);
        Assert.Equal("OwnershipLost: Another reader took partition 0.", summary.Error);
        Assert.Equal([-1L], reader.Opens);
        Assert.Equal(0, reader.Retries);
        Assert.Equal([2L], reader.CommittedSequenceNumbers);
        Assert.Contains(("connector.errors", "OwnershipLost"), metrics.Errors);
    }

    [Fact]
    public async Task ATransientFailureThatOutlastsTheRetriesEndsThePullWithItsReason()
    {
        var reader = new ScriptedStreamReader(chunkSize: 3) { MaxRetries = 2 };
        reader.Publish(9);
        var busy = new ConnectorException(ConnectorFailure.EventHub, "ServerBusy", isTransient: true, "The service is busy.");
        reader.FailOnRead(1, busy);
        reader.FailOnRead(2, busy);
        reader.FailOnRead(3, busy);
        var summary = await Engine().PullAsync(new ReaderSource(reader), CancellationToken.None);

        Assert.Equal("ServerBusy: The service is busy.", summary.Error);
        Assert.Equal([-1L, -1, -1], reader.Opens);
        Assert.Empty(_state.Commits);
    }

    [Fact]
    public async Task ASecondPullOfTheSameSourceWhileOneRunsReturnsAlreadyRunning()
    {
        var release = new TaskCompletionSource();
        var reader = new ScriptedStreamReader(chunkSize: 3) { OnRead = () => release.Task.Wait() };
        reader.Publish(3);
        var engine = Engine();
        var source = new ReaderSource(reader);
        var first = Task.Run(() => engine.PullAsync(source, CancellationToken.None));
        while (reader.Opens.Count == 0)
        {
            await Task.Yield();
        }

        var second = await engine.PullAsync(source, CancellationToken.None);
        release.SetResult();

        Assert.Equal("AlreadyRunning", second.StopReason);
        Assert.Equal("CaughtUp", (await first).StopReason);
        Assert.Equal(3, _sink.Events.Count);
    }

    private static string Uid(string json) => JsonDocument.Parse(json).RootElement.GetProperty("metadata").GetProperty("uid").GetString()!;

    /// <summary>A source of one stream, read through the engine.</summary>
    private sealed class ReaderSource(ScriptedStreamReader reader, long maxEvents = long.MaxValue, TimeSpan? maxDuration = null) : IPullSource
    {
        public SourceDescriptor Descriptor { get; } = new("test", "a scripted stream", TimeSpan.FromMinutes(1));

        public long MaxEventsPerPull => maxEvents;

        public TimeSpan MaxPullDuration => maxDuration ?? TimeSpan.FromHours(1);

        public Task<ConnectivityReport> TestConnectivityAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public async Task<SourcePullOutcome> PullAsync(PullRun run, CancellationToken cancellationToken)
        {
            await run.ReadAsync(reader, ScriptedStreamReader.Stream, cancellationToken);
            return new SourcePullOutcome(PullStopReason.CaughtUp, []);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>A collecting sink that also logs each write, beside the state store's commits.</summary>
    private sealed class LoggingSink(List<string> log) : IEventSink
    {
        private readonly CollectingSink _inner = new();

        public List<int> BatchSizes { get; } = [];

        public IReadOnlyList<string> Events => _inner.Events;

        public void FailNext(int writes) => _inner.FailNext(writes);

        public async ValueTask WriteAsync(EventBatch batch, CancellationToken cancellationToken)
        {
            await _inner.WriteAsync(batch, cancellationToken);
            BatchSizes.Add(batch.Events.Count);
            log.Add($"sink {batch.Events.Count}");
        }
    }

    private sealed class RecordingMetrics : IConnectorMetrics
    {
        public List<(string Name, string Class)> Errors { get; } = [];

        public void Add(string name, long value, params KeyValuePair<string, string>[] tags)
        {
            if (tags.FirstOrDefault(t => t.Key == "class") is { Key: not null } tag)
            {
                Errors.Add((name, tag.Value));
            }
        }

        public void Record(string name, double value, params KeyValuePair<string, string>[] tags)
        {
        }
    }
}
