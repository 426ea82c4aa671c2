using System.Buffers;
using System.Text.Json;

namespace DefenderConnector.Mapping;

/// <summary>
/// The single entry point that turns one record into one OCSF 1.8.0 event, routed by kind and table
/// to the family mappers. A record of an unknown table (or whose properties are not an object) is
/// written as an OCSF Base Event with its properties under <c>unmapped</c> and counted as Unknown:
/// never dropped. Stateless and thread-safe: per-record buffers are stack or pool memory.
/// </summary>
internal sealed class OcsfMapper
{
    /// <summary>Maps into a bare JSON writer (no recorded tree: for OCSF output, tests and tools).</summary>
    public MapResult Map(ReadOnlySpan<byte> record, in RecordOrigin origin, System.Text.Json.Utf8JsonWriter writer) =>
        Map(record, origin, new OcsfEventWriter(writer));

    public MapResult Map(ReadOnlySpan<byte> record, in RecordOrigin origin, OcsfEventWriter writer)
    {
        if (origin.Kind != RecordKind.StreamingRecord)
        {
            return Api.ApiObjectMapper.Map(record, origin, writer);
        }

        // The envelope and the properties are read in one pass; the properties are indexed even
        // before the table is known (the index does not depend on it).
        Span<short> index = stackalloc short[ColumnCount.Value];
        var arena = ArrayPool<byte>.Shared.Rent(record.Length);
        var cells = ArrayPool<Cell>.Shared.Rent(RowScope.MaxProperties);
        try
        {
            if (!StreamingEnvelope.TryRead(record, out var envelope, out var error, arena, cells.AsSpan(0, RowScope.MaxProperties), index))
            {
                return MapResult.Fail("Unknown", error!);
            }

            return MapRead(ref envelope, record, arena, cells, index, origin, writer);
        }
        finally
        {
            ArrayPool<Cell>.Shared.Return(cells);
            ArrayPool<byte>.Shared.Return(arena);
        }
    }

    /// <summary>
    /// Maps a Streaming API record whose envelope and properties were already read and indexed
    /// (<see cref="StreamingEnvelope.ReadObject"/>): offsets in <paramref name="cells"/> are relative to
    /// <paramref name="source"/>, unescaped strings are in <paramref name="arena"/>.
    /// </summary>
    public static MapResult MapRead(scoped ref StreamingEnvelope envelope, ReadOnlySpan<byte> source, ReadOnlySpan<byte> arena, Span<Cell> cells, scoped ReadOnlySpan<short> index, in RecordOrigin origin, OcsfEventWriter writer)
    {
        if (!envelope.Indexed || !TableRouter.TryGet(envelope.TableUtf8, out var table, out var encodedTable, out var mapper))
        {
            return BaseEventWriter.WriteStreamingRecord(ref envelope, origin, writer);
        }

        var row = new Row(source, arena, cells[..envelope.CellCount], index);
        var context = new MapContext(writer, row, table, envelope.TenantIdText, envelope.TimeText, origin, encodedTable: encodedTable);
        return mapper(context);
    }
}
