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
    public MapResult Map(ReadOnlySpan<byte> record, in RecordOrigin origin, Utf8JsonWriter writer)
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

            if (!envelope.Indexed || !TableRouter.TryGet(envelope.TableUtf8, out var table, out var encodedTable, out var mapper))
            {
                return BaseEventWriter.WriteStreamingRecord(ref envelope, origin, writer);
            }

            var row = new Row(record, arena, cells.AsSpan(0, envelope.CellCount), index);
            var context = new MapContext(writer, row, table, envelope.TenantIdText, envelope.TimeText, origin, encodedTable: encodedTable);
            return mapper(context);
        }
        finally
        {
            ArrayPool<Cell>.Shared.Return(cells);
            ArrayPool<byte>.Shared.Return(arena);
        }
    }
}
