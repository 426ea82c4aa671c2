using System.Text.Json;
using DefenderConnector.Checkpoints;
using DefenderConnector.Mapping;

namespace DefenderConnector.Decoding;

/// <summary>
/// The records of one Streaming API message, read and indexed (envelope fields, every property's place)
/// in the same pass that validates the body, then mapped from that index: the body is tokenized once
/// instead of once to validate and again per record to map. The whole body is still validated before
/// any record is mapped, so a body that is not JSON is dead-lettered whole. Reused message after
/// message by one batcher; not thread-safe.
/// </summary>
internal sealed class IndexedMessage : IRecordReader
{
    private readonly List<Range> _records = [];
    private readonly List<(int Index, Range Bytes)> _notObjects = [];
    private readonly List<BadRecord> _badRecords = [];
    private readonly List<BadRecord> _broken = [];
    private byte[] _repaired = [];
    private readonly List<(EnvelopeFields Fields, int CellStart, int ArenaStart)> _entries = [];
    private readonly short[] _scanIndex = new short[ColumnCount.Value];
    private Cell[] _cells = new Cell[RowScope.MaxProperties * 8];
    private byte[] _arena = [];
    private byte[] _repairBuffer = [];
    private int _repairedLength = -1;
    private int _skipped;
    private int _cellsUsed;
    private int _arenaUsed;

    /// <summary>Each record object's bytes in the body, in order.</summary>
    public IReadOnlyList<Range> Records => _records;

    /// <summary>
    /// Elements of the records array that produced no record, in index order: elements that are not
    /// objects, and the broken parts of a body that was salvaged (see <see cref="MessageSalvage"/>),
    /// each with its dead-letter reason. Their bytes are ranges of the body passed to <see cref="Decode"/>.
    /// </summary>
    public IReadOnlyList<BadRecord> BadRecords => _badRecords;

    /// <summary>True when the body last decoded was not valid Unicode text and was repaired (see <see cref="TextRepair"/>).</summary>
    public bool Repaired => _repairedLength >= 0;

    /// <summary>
    /// The text the last <see cref="Decode"/> read, given the body it was passed: the body itself, without a byte
    /// order mark, or its repaired copy. <see cref="Records"/>, <see cref="BadRecords"/> and <see cref="Map"/> refer to it.
    /// </summary>
    public ReadOnlySpan<byte> DecodedBody(ReadOnlySpan<byte> body) =>
        _repairedLength >= 0 ? _repairBuffer.AsSpan(0, _repairedLength) : body[_skipped..];

    /// <summary>
    /// Decodes a body after the one repair rule (<see cref="TextRepair"/>); afterwards read records from
    /// <see cref="DecodedBody"/>. Never throws for any input: whatever cannot be read is a dead-letter reason.
    /// </summary>
    /// <returns>Null on success, else a dead-letter reason for the whole message, as <see cref="EnvelopeDecoder.Decode(ReadOnlySpan{byte}, List{Range}, List{ValueTuple{int, Range}}, out string)"/>.</returns>
    public string? Decode(ReadOnlySpan<byte> body, out string detail)
    {
        _records.Clear();
        _notObjects.Clear();
        _badRecords.Clear();
        _entries.Clear();
        _cellsUsed = 0;
        _arenaUsed = 0;
        _repairedLength = -1;
        _skipped = TextRepair.PrefixToSkip(body);
        body = body[_skipped..];
        if (TextRepair.NeedsRepair(body))
        {
            _repairedLength = TextRepair.Repair(body, ref _repairBuffer);
            body = _repairBuffer.AsSpan(0, _repairedLength);
        }

        // Every escaped string is unescaped once and comes out shorter than it was: the body's length is enough.
        if (_arena.Length < body.Length)
        {
            _arena = new byte[Math.Max(body.Length, _arena.Length * 2)];
        }

        var failure = EnvelopeDecoder.Decode(body, _records, _notObjects, this, out detail);
        if (failure == DeadLetterReasons.NotJson)
        {
            failure = Salvage(body, failure, ref detail);
        }

        if (failure is not null)
        {
            _entries.Clear();
            return failure;
        }

        Merge();
        return null;
    }

    // A body that is not JSON may hold whole records beside one broken one: decode the repaired copy, whose
    // whole records sit at the same offsets as in the body, so they are mapped from the body itself.
    private string? Salvage(ReadOnlySpan<byte> body, string failure, ref string detail)
    {
        var length = MessageSalvage.Repair(body, ref _repaired, _broken);
        if (length < 0)
        {
            return failure;
        }

        _entries.Clear();
        _cellsUsed = 0;
        _arenaUsed = 0;
        if (_arena.Length < length)
        {
            _arena = new byte[length];
        }

        var repaired = _repaired.AsSpan(0, length);
        if (EnvelopeDecoder.Decode(repaired, _records, _notObjects, this, out var repairedDetail) is not null)
        {
            _broken.Clear();
            return failure;
        }

        detail = repairedDetail;
        return null;
    }

    // Non-object elements and salvaged broken parts in one list, by their index in the original array.
    private void Merge()
    {
        var broken = 0;
        foreach (var (repairedIndex, bytes) in _notObjects)
        {
            var index = repairedIndex;
            foreach (var part in _broken)
            {
                if (part.Index <= index)
                {
                    index++;
                }
            }

            while (broken < _broken.Count && _broken[broken].Index < index)
            {
                _badRecords.Add(_broken[broken++]);
            }

            _badRecords.Add(new BadRecord(index, bytes, DeadLetterReasons.RecordNotObject, "The record is not a JSON object."));
        }

        while (broken < _broken.Count)
        {
            _badRecords.Add(_broken[broken++]);
        }

        _broken.Clear();
    }

    void IRecordReader.Read(ref Utf8JsonReader reader)
    {
        if (_cells.Length - _cellsUsed < RowScope.MaxProperties)
        {
            Array.Resize(ref _cells, _cells.Length * 2);
        }

        StreamingEnvelope.ReadObject(ref reader, _arena.AsSpan(_arenaUsed), _cells.AsSpan(_cellsUsed, RowScope.MaxProperties), _scanIndex, out var fields);
        _entries.Add((fields, _cellsUsed, _arenaUsed));
        _cellsUsed += fields.CellCount;
        _arenaUsed += fields.ArenaUsed;
    }

    /// <summary>Maps record number <paramref name="record"/> (of <see cref="Records"/>) of the body last decoded.</summary>
    /// <summary>The table (category without its <c>AdvancedHunting-</c> prefix) of record <paramref name="record"/> of the text <see cref="DecodedBody"/> returned, as UTF-8.</summary>
    public ReadOnlySpan<byte> TableOf(ReadOnlySpan<byte> body, int record) => StreamingEnvelope.From(body, _entries[record].Fields).TableUtf8;

    public MapResult Map(ReadOnlySpan<byte> body, int record, in RecordOrigin origin, OcsfEventWriter writer)
    {
        var (fields, cellStart, arenaStart) = _entries[record];
        var cells = _cells.AsSpan(cellStart, fields.CellCount);

        // The column index is rebuilt from the cells (the scan kept only the first cell of a repeated column);
        // placement marks start clear, so mapping a record twice writes the same event.
        Span<short> index = stackalloc short[ColumnCount.Value];
        for (var i = 0; i < cells.Length; i++)
        {
            ref var cell = ref cells[i];
            cell.Used = false;
            cell.JsonText = 0;
            if (cell.Column >= 0)
            {
                index[cell.Column] = (short)(i + 1);
            }
        }

        var envelope = StreamingEnvelope.From(body, fields);
        return OcsfMapper.MapRead(ref envelope, body, _arena.AsSpan(arenaStart), cells, index, origin, writer);
    }
}
