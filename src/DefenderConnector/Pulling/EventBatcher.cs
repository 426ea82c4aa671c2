using System.Buffers;
using DefenderConnector.Abstractions;
using DefenderConnector.Checkpoints;
using DefenderConnector.Decoding;
using DefenderConnector.Mapping;

namespace DefenderConnector.Pulling;

/// <summary>
/// The batching step of the pull engine, for one stream: messages are decoded (<see cref="IndexedMessage"/>),
/// mapped and encoded (<see cref="RecordEncoder"/>) as they are added; <see cref="FlushAsync"/> hands the
/// batch to the sink and, only once the sink returned, commits the position together with the batch's
/// dead letters. Only <see cref="PullRun"/> drives it. Not thread-safe: one batcher per stream.
/// </summary>
internal sealed class EventBatcher
{
    private readonly EventPipeline _pipeline;
    private readonly string _stream;
    private readonly string _namespace;
    private readonly string _hub;
    private readonly ArrayBufferWriter<byte> _encoded = new(256 * 1024);
    private readonly List<(int Start, int Length)> _events = [];
    private readonly List<DeadLetter> _deadLetters = [];
    private readonly Dictionary<string, long> _byTable = new(StringComparer.Ordinal);
    private readonly Dictionary<int, long> _byClass = [];
    private readonly Dictionary<string, long> _unknownTables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _undocumented = new(StringComparer.Ordinal);
    private readonly IndexedMessage _message = new();
    private readonly RecordEncoder _records;

    // Metric tags, built once: counters move once per batch, not per record.
    private readonly KeyValuePair<string, string>[] _tags;
    private readonly Sources.Filtering.FilteredRecords? _filter;
    private readonly Dictionary<string, long> _filtered = new(StringComparer.Ordinal);
    private int _messages;
    private long _bytesRead;

    public EventBatcher(EventPipeline pipeline, string stream, string fullyQualifiedNamespace, string hub, string name = "", Sources.Filtering.FilteredRecords? filter = null)
    {
        _tags = [new("source", pipeline.Source), new("partition", name)];
        _filter = filter is { Filter.Filters: true } ? filter : null;
        _pipeline = pipeline;
        _stream = stream;
        _namespace = fullyQualifiedNamespace;
        _hub = hub;
        _records = new RecordEncoder(pipeline.Mapper, pipeline.Encoder, pipeline.Tenant);
    }

    public int EventCount => _events.Count;

    public int MessageCount => _messages;

    public int DeadLetterCount => _deadLetters.Count;

    /// <summary>The dead letters of the batch not yet committed (a re-drive reads why a letter still fails).</summary>
    public IReadOnlyList<DeadLetter> PendingDeadLetters => _deadLetters;

    /// <summary>Decodes one Streaming API message into events (or dead letters).</summary>
    public void AddMessage(in SourceMessage message)
    {
        _messages++;
        _bytesRead += message.Body.Length;
        var failure = _message.Decode(message.Body.Span, out var detail);
        if (failure is not null)
        {
            AddDeadLetter(message, null, failure, detail, message.Body.Span);
            return;
        }

        // Records are read from the decoded text: the body without a byte order mark, or its repaired copy.
        var body = _message.DecodedBody(message.Body.Span);
        if (_message.Repaired)
        {
            _pipeline.Metrics.Add("connector.bodies_repaired", 1, new KeyValuePair<string, string>("source", _pipeline.Source));
        }

        var badRecords = _message.BadRecords;
        foreach (var bad in badRecords)
        {
            AddDeadLetter(message, bad.Index, bad.Reason, bad.Detail, body[bad.Bytes]);
        }

        // Record indexes count every element of the records array, bad ones included, so ids stay stable.
        var recordIndex = 0;
        var badCursor = 0;
        for (var record = 0; record < _message.Records.Count; record++)
        {
            var range = _message.Records[record];
            while (badCursor < badRecords.Count && badRecords[badCursor].Index == recordIndex)
            {
                badCursor++;
                recordIndex++;
            }

            // A table the source's filter drops is counted and never mapped (its record index is still used up, so ids stay stable).
            if (_filter is not null && !_filter.Filter.Passes(_message.TableOf(body, record)))
            {
                var table = System.Text.Encoding.UTF8.GetString(_message.TableOf(body, record));
                _filtered[table] = _filtered.GetValueOrDefault(table) + 1;
                recordIndex++;
                continue;
            }

            var origin = _pipeline.MessageRecordOrigin is { } originOf
                ? originOf(message, recordIndex)
                : new RecordOrigin(
                    RecordKind.StreamingRecord,
                    EventUid.ForEventHubRecord(_namespace, _hub, message.Partition, message.SequenceNumber, recordIndex),
                    message.EnqueuedTime);
            var result = MapOne(body, origin, record);
            if (result.Status == MapStatus.Failed)
            {
                AddDeadLetter(message, recordIndex, DeadLetterReasons.RecordUnmappable, result.Detail ?? "The record could not be mapped.", body[range]);
            }

            recordIndex++;
        }
    }

    /// <summary>Maps one API object (incident, alert) into an event.</summary>
    public MapResult AddObject(ReadOnlySpan<byte> json, in RecordOrigin origin)
    {
        _messages++;
        _bytesRead += json.Length;
        return MapOne(json, origin);
    }

    /// <summary>Records an API object that could not be mapped (with its place in the stream, when the reader gave one).</summary>
    public void AddDeadObject(in ReadObject read, string reason, string detail) =>
        RecordDeadLetter(new DeadLetter(_pipeline.Source, _stream, string.Empty, read.Sequence, null, read.RecordIndex, reason, detail, read.Json.ToArray(), _pipeline.Time.GetUtcNow()));

    /// <summary>
    /// Delivers the batch to the sink (in sink batches of at most <c>output.maxBatchEvents</c> events), then
    /// commits <paramref name="positions"/> and the dead letters in one transaction. Without positions (the
    /// reader has none to give mid-chunk) only the events are delivered; the dead letters and the message
    /// count wait for the next flush that commits.
    /// </summary>
    public async Task FlushAsync(StateCommit? positions, CancellationToken cancellationToken)
    {
        if (_events.Count > 0)
        {
            var memory = _encoded.WrittenMemory;
            var limit = _pipeline.MaxBatchEvents;
            for (var first = 0; first < _events.Count; first += limit)
            {
                var events = new ReadOnlyMemory<byte>[Math.Min(limit, _events.Count - first)];
                for (var i = 0; i < events.Length; i++)
                {
                    var (start, length) = _events[first + i];
                    events[i] = memory.Slice(start, length);
                }

                try
                {
                    await _pipeline.Sink.WriteAsync(new EventBatch(_pipeline.Source, _pipeline.Encoder.Format, events), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // Nothing is committed: the batch is read again on the next pull.
                    throw ConnectorException.Sink(events.Length, e);
                }
            }
        }

        if (positions is not null)
        {
            var commit = _deadLetters.Count == 0 ? positions : positions with { DeadLetters = [.. positions.DeadLetters, .. _deadLetters] };
            if (commit.Checkpoints.Count > 0 || commit.Cursors.Count > 0 || commit.DeadLetters.Count > 0)
            {
                await _pipeline.State.CommitAsync(commit, cancellationToken).ConfigureAwait(false);
            }
        }

        _pipeline.Statistics.AddDelivered(_byTable, _byClass, _events.Count, _encoded.WrittenCount);
        if (_unknownTables.Count > 0)
        {
            _pipeline.Statistics.AddUnknownTables(_unknownTables);
        }

        if (_undocumented.Count > 0)
        {
            _pipeline.Statistics.AddUndocumented(_undocumented);
        }

        if (_events.Count > 0)
        {
            _pipeline.Metrics.Add("connector.events_sent", _events.Count, _tags);
            _pipeline.Metrics.Add("connector.bytes_sent", _encoded.WrittenCount, _tags);
        }

        if (positions is null)
        {
            ResetEvents();
            return;
        }

        _pipeline.Statistics.AddMessages(_messages);
        if (_messages > 0)
        {
            _pipeline.Metrics.Add("connector.messages_read", _messages, _tags);
            _pipeline.Metrics.Add("connector.bytes_read", _bytesRead, _tags);
        }

        if (_filtered.Count > 0)
        {
            _filter!.Add(_filtered);
            foreach (var (table, count) in _filtered)
            {
                _pipeline.Metrics.Add("connector.records_filtered", count, new("source", _pipeline.Source), new("table", table));
            }
        }

        foreach (var letter in _deadLetters)
        {
            _pipeline.Statistics.AddDeadLetter(letter.Reason);
            _pipeline.Metrics.Add("connector.dead_letters", 1, _tags[0], _tags[1], new("reason", letter.Reason));
        }

        Reset();
    }

    /// <summary>Drops whatever was accumulated (the positions were not committed, so it will be read again).</summary>
    public void Reset()
    {
        ResetEvents();
        _deadLetters.Clear();
        _filtered.Clear();
        _messages = 0;
        _bytesRead = 0;
    }

    private void ResetEvents()
    {
        _events.Clear();
        _byTable.Clear();
        _byClass.Clear();
        _unknownTables.Clear();
        _undocumented.Clear();
        _encoded.ResetWrittenCount();
    }

    /// <summary>Maps and encodes one API object, or with <paramref name="indexedRecord"/> that record of the message <paramref name="json"/> (its whole body) last decoded, and lists the event.</summary>
    private MapResult MapOne(ReadOnlySpan<byte> json, in RecordOrigin origin, int indexedRecord = -1)
    {
        var start = _encoded.WrittenCount;
        var result = _records.MapOne(json, origin, _message, indexedRecord, _encoded);
        if (result.Status == MapStatus.Failed)
        {
            // Bytes the encoder left behind belong to no event: only listed events are delivered.
            return result;
        }

        _events.Add((start, _encoded.WrittenCount - start));
        _byTable[result.Table] = _byTable.GetValueOrDefault(result.Table) + 1;
        _byClass[result.ClassUid] = _byClass.GetValueOrDefault(result.ClassUid) + 1;
        if (result.Status == MapStatus.Unknown)
        {
            _unknownTables[result.Table] = _unknownTables.GetValueOrDefault(result.Table) + 1;
        }

        if (result.UndocumentedActionType is { } action)
        {
            var key = $"{result.Table}/{action}";
            _undocumented[key] = _undocumented.GetValueOrDefault(key) + 1;
        }

        return result;
    }

    private void AddDeadLetter(in SourceMessage message, int? recordIndex, string reason, string detail, ReadOnlySpan<byte> raw) =>
        RecordDeadLetter(new DeadLetter(_pipeline.Source, _stream, message.Partition, message.SequenceNumber, message.Offset, recordIndex, reason, detail, raw.ToArray(), _pipeline.Time.GetUtcNow()));

    private void RecordDeadLetter(DeadLetter letter) => _deadLetters.Add(letter);
}
