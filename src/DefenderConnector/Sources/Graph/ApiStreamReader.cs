using DefenderConnector.Checkpoints;
using DefenderConnector.Mapping;
using DefenderConnector.Pulling;

namespace DefenderConnector.Sources.Graph;

/// <summary>
/// One API stream as the pull engine reads it, page by page: from the stored cursor (minus the overlap),
/// versions already delivered dropped, objects without identity handed over to be dead-lettered, and the
/// advanced cursor as the position after each page, so the engine commits it with the page's events and
/// the cursor never passes what the sink has not confirmed. Pages are turned by <see cref="KeysetPaging"/>.
/// The API clients retry each request themselves (honouring Retry-After and the request budget), so the
/// engine does not retry a stream again.
/// </summary>
internal sealed class ApiStreamReader : IStreamReader
{
    public const string MissingIdentity = "MissingIdentity";

    private readonly IApiStream _stream;
    private readonly DateTimeOffset _initialWatermark;
    private readonly DateTimeOffset? _floor;
    private readonly TimeSpan _overlap;
    private readonly ReadChunk _chunk = new();
    private StreamCursor _cursor = null!;
    private KeysetPosition _position = null!;
    private ApiPage? _page;
    private PageTurn? _turn;

    /// <param name="initialWatermark">Where a stream without a stored cursor starts.</param>
    /// <param name="floor">A watermark another API already delivered up to; the stream starts no earlier.</param>
    public ApiStreamReader(IApiStream stream, DateTimeOffset initialWatermark, DateTimeOffset? floor, TimeSpan overlap)
    {
        _stream = stream;
        _initialWatermark = initialWatermark;
        _floor = floor;
        _overlap = overlap;
        Result = new StreamResult(stream.Name);
    }

    public string Name => _stream.Name;

    /// <summary>Pages, objects, duplicates and the watermark reached, for the summary's facts.</summary>
    public StreamResult Result { get; }

    public async Task<StreamStart> StartAsync(IStateStore state, CancellationToken cancellationToken)
    {
        _cursor = StreamCursor.Parse(await state.GetCursorAsync(_stream.CursorKey, cancellationToken).ConfigureAwait(false), _initialWatermark);
        if (_floor is { } f)
        {
            _cursor.Raise(f);
        }

        _position = new KeysetPosition(_cursor.QueryFrom(_overlap));
        return StreamStart.Reading;
    }

    public Task OpenAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<ReadChunk?> ReadAsync(long maxItems, CancellationToken cancellationToken)
    {
        _chunk.Clear();
        if (_page is null)
        {
            _page = await _stream.QueryAsync(_position, cancellationToken).ConfigureAwait(false);
        }
        else if (_turn?.NextLink is { } link)
        {
            _position = _position with { Skip = KeysetPaging.SkipOf(link) ?? _position.Skip + _page.Items.Count };
            _page = await _stream.FollowAsync(link, cancellationToken).ConfigureAwait(false);
        }
        else if (_turn?.Query is { } query)
        {
            _position = query;
            _page = await _stream.QueryAsync(query, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            return null;
        }

        _turn = null;
        Result.Pages++;
        foreach (var item in _page.Items)
        {
            if (item.Id is null || item.LastUpdate is null)
            {
                _chunk.Objects.Add(new ReadObject(item.Json, default, MissingIdentity, $"The {_stream.Name} object has no id or no readable last update time."));
                continue;
            }

            if (!_cursor.TryRecord(item.Id, item.LastUpdate.Value))
            {
                Result.Duplicates++;
                continue;
            }

            var stamp = ApiItemReader.Stamp(item.LastUpdate.Value);
            _chunk.Objects.Add(new ReadObject(item.Json, new RecordOrigin(_stream.Kind, EventUid.ForApiObject(_stream.Kind, item.Id, stamp), item.LastUpdate)));
            Result.Emitted++;
        }

        return _chunk;
    }

    /// <summary>Only the end of a page has a cursor: it is written even when nothing new arrived, so a first run remembers where it started.</summary>
    public StateCommit? PositionAfter(int index) =>
        index == _chunk.Count - 1 ? new StateCommit([], [new(_stream.CursorKey, _cursor.Serialize(_overlap))], []) : null;

    public void Committed(int index)
    {
        Result.Watermark = _cursor.Watermark;
        _turn = KeysetPaging.Turn(_page!, _position, _stream.PageSize, _stream.SkipLimit);
        if (_turn.TieOverflow)
        {
            Result.TieOverflows.Add(_position.From);
        }
    }

    public ValueTask CloseAsync() => ValueTask.CompletedTask;

    public TimeSpan? RetryDelay(ConnectorException failure, int attempt) => null;

    public void OnRetry(ConnectorException failure, int attempt, TimeSpan delay)
    {
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
