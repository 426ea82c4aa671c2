using System.Buffers;

namespace DefenderConnector.Mapping;

/// <summary>
/// Pooled buffers for indexing one JSON object as a <see cref="Row"/>; dispose to return them.
/// The caller provides the index span (stack memory) so nested objects can each have their own.
/// </summary>
internal ref struct RowScope
{
    public const int MaxProperties = 512;

    private byte[]? _arena;
    private Cell[]? _cells;

    public RowScope(ReadOnlySpan<byte> json, FieldNames names, Span<short> index)
    {
        _arena = ArrayPool<byte>.Shared.Rent(Math.Max(json.Length, 16));
        _cells = ArrayPool<Cell>.Shared.Rent(MaxProperties);
        Ok = RowReader.TryScan(json, _arena, _cells.AsSpan(0, MaxProperties), index, names, out var count);
        Row = new Row(json, _arena, _cells.AsSpan(0, Ok ? count : 0), index);
    }

    /// <summary>False when the JSON is not an object (or has too many properties).</summary>
    public bool Ok { get; }

    public Row Row { get; }

    public void Dispose()
    {
        if (_cells is not null)
        {
            ArrayPool<Cell>.Shared.Return(_cells);
            _cells = null;
        }

        if (_arena is not null)
        {
            ArrayPool<byte>.Shared.Return(_arena);
            _arena = null;
        }
    }
}
