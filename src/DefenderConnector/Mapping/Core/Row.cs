using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace DefenderConnector.Mapping;

/// <summary>
/// The properties of one record, indexed by <see cref="Column"/> after a single pass. Reading a
/// value through a Try method marks it placed; values a mapper never placed (or could not parse)
/// are written under <c>unmapped</c>, so nothing is dropped. Strings come back as unescaped UTF-8.
/// </summary>
internal readonly ref struct Row
{
    private readonly ReadOnlySpan<byte> _source;
    private readonly ReadOnlySpan<byte> _arena;
    private readonly Span<Cell> _cells;
    private readonly ReadOnlySpan<short> _index;

    public Row(ReadOnlySpan<byte> source, ReadOnlySpan<byte> arena, Span<Cell> cells, ReadOnlySpan<short> index)
    {
        _source = source;
        _arena = arena;
        _cells = cells;
        _index = index;
    }

    /// <summary>The cells in record order.</summary>
    public Span<Cell> Cells => _cells;

    public ReadOnlySpan<byte> NameOf(Cell cell) => _source.Slice(cell.NameStart, cell.NameLength);

    public ReadOnlySpan<byte> RawOf(Cell cell) => _source.Slice(cell.RawStart, cell.RawLength);

    public ReadOnlySpan<byte> ValueOf(Cell cell) => cell.InArena ? _arena.Slice(cell.ValueStart, cell.ValueLength) : _source.Slice(cell.ValueStart, cell.ValueLength);

    /// <summary>True when the column holds something other than null or an empty string.</summary>
    public bool Has(Column column) => Find(column) is >= 0 and var i && HasValue(_cells[i]);

    /// <summary>The text of a column (strings unescaped, numbers and booleans as written) without marking it placed.</summary>
    public ReadOnlySpan<byte> Peek(Column column) => Find(column) is >= 0 and var i && HasValue(_cells[i]) ? ValueOf(_cells[i]) : default;

    /// <summary>Compares a column's text with an ASCII literal, ignoring case; does not mark it placed.</summary>
    public bool Is(Column column, ReadOnlySpan<byte> literal) => Ascii.EqualsIgnoreCase(Peek(column), literal);

    public void MarkUsed(Column column)
    {
        if (Find(column) is >= 0 and var i)
        {
            _cells[i].Used = true;
        }
    }

    /// <summary>Puts a column back among the unplaced ones (it parsed but did not fit OCSF).</summary>
    public void Unmark(Column column)
    {
        if (Find(column) is >= 0 and var i)
        {
            _cells[i].Used = false;
        }
    }

    /// <summary>The text of a string, number or boolean column; marks it placed.</summary>
    public bool TryText(Column column, out ReadOnlySpan<byte> text)
    {
        text = default;
        if (Find(column) is not (>= 0 and var i) || !HasValue(_cells[i]) || _cells[i].Token is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            return false;
        }

        text = ValueOf(_cells[i]);
        _cells[i].Used = true;
        return true;
    }

    /// <summary>A number, also when written as a string (<c>"4242"</c>); marks it placed only when it parses.</summary>
    public bool TryLong(Column column, out long value)
    {
        value = 0;
        if (Find(column) is not (>= 0 and var i) || !HasValue(_cells[i]))
        {
            return false;
        }

        var text = ValueOf(_cells[i]).Trim((byte)' ');
        if (!Utf8Parser.TryParse(text, out value, out var consumed) || consumed != text.Length)
        {
            return false;
        }

        _cells[i].Used = true;
        return true;
    }

    /// <summary>True when the column parses as a number; does not mark it placed.</summary>
    public bool IsLong(Column column)
    {
        var text = Peek(column).Trim((byte)' ');
        return !text.IsEmpty && Utf8Parser.TryParse(text, out long _, out var consumed) && consumed == text.Length;
    }

    /// <summary>A boolean, also as <c>"true"</c>/<c>"False"</c>/<c>"1"</c>/<c>0</c>; marks it placed only when it parses.</summary>
    public bool TryBool(Column column, out bool value)
    {
        value = false;
        if (Find(column) is not (>= 0 and var i) || !HasValue(_cells[i]))
        {
            return false;
        }

        var text = ValueOf(_cells[i]).Trim((byte)' ');
        if (Ascii.EqualsIgnoreCase(text, "true"u8) || text.SequenceEqual("1"u8))
        {
            value = true;
        }
        else if (!Ascii.EqualsIgnoreCase(text, "false"u8) && !text.SequenceEqual("0"u8))
        {
            return false;
        }

        _cells[i].Used = true;
        return true;
    }

    /// <summary>A date-time as Unix milliseconds; marks it placed only when it parses.</summary>
    public bool TryTime(Column column, out long milliseconds)
    {
        milliseconds = 0;
        if (Find(column) is not (>= 0 and var i) || !HasValue(_cells[i]) || !IsoTime.TryParse(ValueOf(_cells[i]), out milliseconds))
        {
            return false;
        }

        _cells[i].Used = true;
        return true;
    }

    /// <summary>
    /// A JSON object or array column, or a string column whose text is JSON (Defender writes
    /// AdditionalFields both ways); marks it placed.
    /// </summary>
    public bool TryJson(Column column, out ReadOnlySpan<byte> json)
    {
        json = default;
        if (Find(column) is not (>= 0 and var i) || !HasValue(_cells[i]))
        {
            return false;
        }

        ref var cell = ref _cells[i];
        json = cell.Token is JsonTokenType.StartObject or JsonTokenType.StartArray ? RawOf(cell) : ValueOf(cell);
        if (cell.Token == JsonTokenType.String && !IsJsonText(ref cell))
        {
            return false;
        }

        _cells[i].Used = true;
        return true;
    }

    /// <summary>
    /// True when a string cell's text is one complete JSON object or array. Checked once per cell:
    /// a mapper reading AdditionalFields and the unmapped writer would otherwise each validate it again.
    /// </summary>
    public bool IsJsonText(ref Cell cell)
    {
        if (cell.JsonText == 0)
        {
            cell.JsonText = cell.Token == JsonTokenType.String && JsonText.IsContainer(ValueOf(cell)) ? (sbyte)1 : (sbyte)-1;
        }

        return cell.JsonText > 0;
    }

    private static bool HasValue(Cell cell) => cell.Token switch
    {
        JsonTokenType.Null or JsonTokenType.None => false,
        JsonTokenType.String => cell.ValueLength > 0,
        _ => true,
    };

    private int Find(Column column) => column < 0 ? -1 : _index[(int)column] - 1;
}
