using System.Text.Json;

namespace DefenderConnector.Mapping.Api;

/// <summary>
/// Graph and legacy API objects → Detection Finding (alerts) or Incident Finding (incidents). Each
/// kind's property names are first brought to the shared vocabulary (<see cref="ApiFieldNames"/>),
/// then one writer per class maps them, so a rule cannot tell which API served an event.
/// An object that is not a JSON object still becomes a Base Event (never dropped).
/// </summary>
internal static class ApiObjectMapper
{
    public static MapResult Map(ReadOnlySpan<byte> record, in RecordOrigin origin, OcsfEventWriter writer)
    {
        var names = origin.Kind switch
        {
            RecordKind.GraphAlert => ApiFieldNames.GraphAlert,
            RecordKind.GraphIncident => ApiFieldNames.GraphIncident,
            RecordKind.LegacyIncident => ApiFieldNames.LegacyIncident,
            RecordKind.LegacyEndpointAlert => ApiFieldNames.EndpointAlert,
            RecordKind.LegacySiemAlert => ApiFieldNames.SiemAlert,
            _ => null,
        };
        if (names is null)
        {
            return BaseEventWriter.WriteApiObject(record, origin, writer);
        }

        Span<short> index = stackalloc short[ColumnCount.Value];
        using var scope = new RowScope(record, names, index);
        if (!scope.Ok)
        {
            return BaseEventWriter.WriteApiObject(record, origin, writer);
        }

        var incident = origin.Kind is RecordKind.GraphIncident or RecordKind.LegacyIncident;
        var context = new MapContext(writer, scope.Row, incident ? "Incidents" : "Alerts", EnvelopeText.FromString(ApiTriage.Tenant(scope.Row)), default, origin, fromApi: true);
        return origin.Kind switch
        {
            RecordKind.GraphIncident => IncidentFindingWriter.Write(context, ApiFieldNames.GraphAlert),
            RecordKind.LegacyIncident => IncidentFindingWriter.Write(context, ApiFieldNames.LegacyIncidentAlert),
            RecordKind.LegacySiemAlert => AlertFindingWriter.Write(context, flatEvidence: true),
            _ => AlertFindingWriter.Write(context, flatEvidence: false),
        };
    }
}
