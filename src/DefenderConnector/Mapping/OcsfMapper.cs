using System.Text.Json;

namespace DefenderConnector.Mapping;

/// <summary>
/// The single entry point that turns one record into one OCSF 1.8.0 event, routed by kind and table
/// to the family mappers. Until a family mapper exists for a table, the record is written as an OCSF
/// Base Event with its properties under <c>unmapped</c> (never dropped).
/// </summary>
internal sealed class OcsfMapper
{
    public MapResult Map(ReadOnlySpan<byte> record, in RecordOrigin origin, Utf8JsonWriter writer)
    {
        if (origin.Kind != RecordKind.StreamingRecord)
        {
            return BaseEventWriter.WriteApiObject(record, origin, writer);
        }

        if (!StreamingEnvelope.TryRead(record, out var envelope, out var error))
        {
            return MapResult.Fail("Unknown", error!);
        }

        return BaseEventWriter.WriteStreamingRecord(ref envelope, origin, writer);
    }
}
