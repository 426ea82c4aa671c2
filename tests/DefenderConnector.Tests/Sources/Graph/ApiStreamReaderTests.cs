using System.Text;
using DefenderConnector.Abstractions;
using DefenderConnector.Checkpoints;
using DefenderConnector.Configuration;
using DefenderConnector.Encoders;
using DefenderConnector.Mapping;
using DefenderConnector.Pulling;
using DefenderConnector.Sources.Graph;

namespace DefenderConnector.Tests.Sources.Graph;

/// <summary>An API stream read through the pull engine: cursor committed with each page, duplicates dropped, nothing moved when the sink fails.</summary>
public sealed class ApiStreamReaderTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _path = Path.Combine(Path.GetTempPath(), "dc-stream-reader-" + Guid.NewGuid().ToString("N") + ".db");
    private SqliteStateStore _state = null!;

    public Task InitializeAsync()
    {
        _state = SqliteStateStore.Open(_path);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _state.DisposeAsync();
        File.Delete(_path);
    }

    [Fact]
    public async Task Commits_the_cursor_with_each_page_drops_duplicates_and_dead_letters_objects_without_identity()
    {
        var sink = new ListSink();
        var stream = new PagedStream(
            [Item("1", T), Item("2", T.AddMinutes(1)), new ApiItem(null, T, Encoding.UTF8.GetBytes("{\"title\":\"no id\"}"))],
            [Item("2", T.AddMinutes(1)), Item("3", T.AddMinutes(2))]);

        var result = await ReadAsync(stream, sink, T.AddDays(-1), null, TimeSpan.FromMinutes(2));

        Assert.Equal(3, result.Emitted);
        Assert.Equal(1, result.Duplicates);
        Assert.Equal(2, result.Pages);
        Assert.Equal(3, sink.Count);
        Assert.Equal(1, (await _state.CountDeadLettersAsync(CancellationToken.None))[ApiStreamReader.MissingIdentity]);
        var cursor = StreamCursor.Parse(await _state.GetCursorAsync(stream.CursorKey, CancellationToken.None), T.AddYears(-1));
        Assert.Equal(T.AddMinutes(2), cursor.Watermark);
        Assert.True(cursor.Seen("2", T.AddMinutes(1)));
    }

    [Fact]
    public async Task The_cursor_does_not_move_when_the_sink_fails()
    {
        var stream = new PagedStream([Item("1", T)]);
        // The pipeline may wrap the sink's exception; what matters is that it surfaces and nothing moved.
        await Assert.ThrowsAnyAsync<Exception>(() => ReadAsync(stream, new ListSink { Fail = true }, T.AddDays(-1), null, TimeSpan.Zero));
        Assert.Null(await _state.GetCursorAsync(stream.CursorKey, CancellationToken.None));

        // The next pull reads the same object again and delivers it.
        var sink = new ListSink();
        await ReadAsync(new PagedStream([Item("1", T)]), sink, T.AddDays(-1), null, TimeSpan.Zero);
        Assert.Equal(1, sink.Count);
    }

    [Fact]
    public async Task A_floor_starts_the_stream_no_earlier_than_another_api_got()
    {
        var stream = new PagedStream([]);
        await ReadAsync(stream, new ListSink(), T.AddDays(-1), T, TimeSpan.FromMinutes(2));
        Assert.Equal(T.AddMinutes(-2), stream.From);
    }

    private static ApiItem Item(string id, DateTimeOffset at) =>
        new(id, at, Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\",\"lastUpdateDateTime\":\"{ApiItemReader.Stamp(at)}\"}}"));

    [Fact]
    public async Task A_page_larger_than_maxBatchEvents_is_delivered_in_several_sink_batches_and_its_cursor_committed_once_after_them()
    {
        var sink = new ListSink();
        var stream = new PagedStream([Item("1", T), Item("2", T.AddMinutes(1)), Item("3", T.AddMinutes(2)), Item("4", T.AddMinutes(3)), Item("5", T.AddMinutes(4))]);
        var cursorsAtEachWrite = new List<string?>();
        sink.OnWrite = () => cursorsAtEachWrite.Add(_state.GetCursorAsync(stream.CursorKey, CancellationToken.None).AsTask().Result);

        await ReadAsync(stream, sink, T.AddDays(-1), null, TimeSpan.Zero, maxBatchEvents: 2);

        Assert.Equal([2, 2, 1], sink.Batches);
        Assert.Equal([null, null, null], cursorsAtEachWrite);
        Assert.Equal(T.AddMinutes(4), StreamCursor.Parse(await _state.GetCursorAsync(stream.CursorKey, CancellationToken.None), T.AddYears(-1)).Watermark);
    }

    private async Task<StreamResult> ReadAsync(IApiStream stream, IEventSink sink, DateTimeOffset initial, DateTimeOffset? floor, TimeSpan overlap, int maxBatchEvents = 5000)
    {
        var reader = new ApiStreamReader(stream, initial, floor, overlap);
        var run = new PullRun(Pipeline(sink, maxBatchEvents), new PullBudget(long.MaxValue, TimeSpan.FromHours(1), TimeProvider.System));
        await run.ReadAsync(reader, stream.CursorKey, CancellationToken.None);
        return reader.Result;
    }

    private EventPipeline Pipeline(IEventSink sink, int maxBatchEvents) =>
        new("graph", sink, _state, new OcsfMapper(), EventEncoders.For(OutputFormat.Ocsf), new PullStatistics(), TimeProvider.System, NullConnectorMetrics.Instance, maxBatchEvents);

    private sealed class PagedStream(params List<ApiItem>[] pages) : IApiStream
    {
        private int _next;

        public DateTimeOffset? From { get; private set; }

        public string Name => "incidents";

        public string CursorKey => "test/incidents";

        public RecordKind Kind => RecordKind.GraphIncident;

        public int PageSize => 50;

        public int? SkipLimit => 500;

        public Task<ApiPage> QueryAsync(KeysetPosition at, CancellationToken cancellationToken)
        {
            From ??= at.From;
            return Task.FromResult(Page());
        }

        public Task<ApiPage> FollowAsync(string nextLink, CancellationToken cancellationToken) => Task.FromResult(Page());

        private ApiPage Page()
        {
            var items = _next < pages.Length ? pages[_next] : [];
            _next++;
            return new ApiPage(items, _next < pages.Length ? "https://127.0.0.1/next" : null, null);
        }
    }

    private sealed class ListSink : IEventSink
    {
        public bool Fail { get; init; }

        public int Count { get; private set; }

        public List<int> Batches { get; } = [];

        public Action? OnWrite { get; set; }

        public ValueTask WriteAsync(EventBatch batch, CancellationToken cancellationToken)
        {
            if (Fail)
            {
                throw new IOException("The sink is down.");
            }

            OnWrite?.Invoke();
            Count += batch.Events.Count;
            Batches.Add(batch.Events.Count);
            return ValueTask.CompletedTask;
        }
    }
}
