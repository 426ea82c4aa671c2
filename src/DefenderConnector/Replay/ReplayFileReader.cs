using DefenderConnector.Checkpoints;
using DefenderConnector.Decoding;
using DefenderConnector.Mapping;
using DefenderConnector.Pulling;

namespace DefenderConnector.Replay;

/// <summary>
/// The pull engine's reader of a saved file (<c>replay</c>): it hands <see cref="PullRun"/> the file's
/// Event Hub bodies as Streaming API messages and its records, incidents and alerts as objects, in input
/// order, so a replay is decoded, mapped, encoded, batched and dead-lettered exactly as a pull. Positions
/// are input lines (a message's sequence number, an object's <see cref="ReadObject.Sequence"/>); there is
/// nothing to commit but dead letters, and nothing to retry. Single use.
/// </summary>
internal sealed partial class ReplayFileReader : IStreamReader
{
    private const int ChunkItems = 1024;

    /// <summary>A file has no positions: a "commit" stores only the batch's dead letters.</summary>
    private static readonly StateCommit NoPosition = new([], [], []);

    private readonly ReplayInput _input;
    private readonly string _inputName;
    private readonly IndexedMessage _probe = new();
    private readonly ReadChunk _chunk = new();
    private readonly List<Item> _pending = [];
    private readonly bool _oneBody;
    private Dictionary<int, long>? _oneBodyLines;
    private int _next;
    private int _value;
    private int _bad;
    private bool _begun;

    public ReplayFileReader(ReplayInput input, string inputName)
    {
        _input = input;
        _inputName = inputName;
        _oneBody = IsOneBrokenBody();
    }

    public string Name => _inputName;

    /// <summary>True when no value of the input can be read (no JSON value, and no line the Streaming API decoder reads).</summary>
    public bool NothingToRead =>
        !_oneBody && _input.Values.Count == 0 && !_input.BadLines.Any(b => _probe.Decode(BadLineBody(b.Bytes).Span, out _) is null);

    /// <summary>The origin of a record of a replayed message: an id from the input name, the body's line and the record index; no receive time.</summary>
    public static RecordOrigin RecordOrigin(SourceMessage message, int recordIndex) =>
        new(RecordKind.StreamingRecord, ReplayUid.ForFileRecord(message.Partition, message.SequenceNumber, recordIndex), null);

    /// <summary>The input line a dead letter came from: its record's own line in a body read whole across lines, else its message's or object's line.</summary>
    public long LineOf(DeadLetter letter) =>
        letter.Offset is not null && letter.RecordIndex is { } index && _oneBodyLines?.TryGetValue(index, out var line) == true
            ? line
            : letter.SequenceNumber ?? 1;

    public Task<StreamStart> StartAsync(IStateStore state, CancellationToken cancellationToken) => Task.FromResult(StreamStart.Reading);

    public Task OpenAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The next run of messages or of objects (never both: the engine handles a chunk's messages before its objects), in input order.</summary>
    public Task<ReadChunk?> ReadAsync(long maxItems, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _chunk.Clear();
        var limit = (int)Math.Clamp(maxItems, 1, ChunkItems);
        while (_chunk.Count < limit)
        {
            if (_next == _pending.Count)
            {
                _pending.Clear();
                _next = 0;
                if (!ReadNextValue())
                {
                    break;
                }

                continue;
            }

            var item = _pending[_next];
            if (_chunk.Count > 0 && item.IsMessage != (_chunk.Messages.Count > 0))
            {
                break;
            }

            if (item.IsMessage)
            {
                _chunk.Messages.Add(item.Message);
            }
            else
            {
                _chunk.Objects.Add(item.Object);
            }

            _next++;
        }

        return Task.FromResult(_chunk.Count == 0 ? null : _chunk);
    }

    public StateCommit? PositionAfter(int index) => NoPosition;

    public void Committed(int index)
    {
    }

    public ValueTask CloseAsync() => ValueTask.CompletedTask;

    /// <summary>A file read from memory has no transient failure: nothing is retried.</summary>
    public TimeSpan? RetryDelay(ConnectorException failure, int attempt) => null;

    public void OnRetry(ConnectorException failure, int attempt, TimeSpan delay)
    {
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Queues the items of the next top-level value or bad line, in input order; false at the end of the input.</summary>
    private bool ReadNextValue()
    {
        if (!_begun)
        {
            _begun = true;
            if (_oneBody)
            {
                // Its lines are the body: none is replayed on its own.
                _bad = _input.BadLines.Count;
                QueueOneBody();
                return true;
            }
        }

        // Values and bad lines are each in input order and are replayed merged, so events keep the input's order.
        if (_bad < _input.BadLines.Count && (_value == _input.Values.Count || _input.BadLines[_bad].Bytes.Start.Value < _input.Values[_value].Start.Value))
        {
            QueueBadLine(_input.BadLines[_bad++]);
            return true;
        }

        if (_value < _input.Values.Count)
        {
            QueueValue(_input.Values[_value++]);
            return true;
        }

        return false;
    }

    /// <summary>One message or object of the input, queued in input order.</summary>
    private readonly record struct Item(bool IsMessage, SourceMessage Message, ReadObject Object);
}
