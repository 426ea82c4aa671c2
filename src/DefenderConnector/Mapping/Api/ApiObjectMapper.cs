using System.Text.Json;

namespace DefenderConnector.Mapping.Api;

/// <summary>Graph and legacy API objects (incidents, alerts) → Incident Finding / Detection Finding.</summary>
internal static class ApiObjectMapper
{
    public static MapResult Map(ReadOnlySpan<byte> record, in RecordOrigin origin, Utf8JsonWriter writer) =>
        BaseEventWriter.WriteApiObject(record, origin, writer);
}
