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

        if (!StreamingEnvelope.TryRead(record, out var envelope, out var error))
        {
            return MapResult.Fail("Unknown", error!);
        }

        var table = envelope.Table;
        if (!TableRouter.TryGet(table, out var mapper) || envelope.Properties.IsEmpty)
        {
            return BaseEventWriter.WriteStreamingRecord(ref envelope, origin, writer);
        }

        Span<short> index = stackalloc short[ColumnCount.Value];
        using var scope = new RowScope(envelope.Properties, FieldNames.Streaming, index);
        if (!scope.Ok)
        {
            return BaseEventWriter.WriteStreamingRecord(ref envelope, origin, writer);
        }

        var context = new MapContext(writer, scope.Row, table, envelope.TenantId, envelope.Time, origin);
        return mapper(context);
    }
}
