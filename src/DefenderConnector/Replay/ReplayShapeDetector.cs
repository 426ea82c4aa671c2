using System.Text.Json;
using DefenderConnector.Mapping;

namespace DefenderConnector.Replay;

/// <summary>
/// Tells the saved shapes apart by the fields each one is known to carry. Field tests come first
/// because a single object has no context; an OData page's <c>@odata.context</c> decides only
/// when the fields do not (an incident and an alert both have <c>id</c> and <c>lastUpdateDateTime</c>).
/// </summary>
internal static class ReplayShapeDetector
{
    public static ReplayShape Detect(JsonElement value, string? pageContext = null)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return ReplayShape.Unknown;
        }

        if (Is(value, "records", JsonValueKind.Array))
        {
            return ReplayShape.EventHubBody;
        }

        if (Is(value, "value", JsonValueKind.Array))
        {
            return ReplayShape.Page;
        }

        if (Is(value, "category", JsonValueKind.String) && Is(value, "properties", JsonValueKind.Object))
        {
            return ReplayShape.StreamingRecord;
        }

        var byFields = ByFields(value);
        // The page's context vouches only for items that carry an id at all.
        return byFields != ReplayShape.Unknown || !(Has(value, "id") || Has(value, "incidentId")) ? byFields : ByContext(pageContext);
    }

    /// <summary>The mapper's record kind for an object shape; null for containers and unknown values.</summary>
    public static RecordKind? KindOf(ReplayShape shape) => shape switch
    {
        ReplayShape.StreamingRecord => RecordKind.StreamingRecord,
        ReplayShape.GraphIncident => RecordKind.GraphIncident,
        ReplayShape.GraphAlert => RecordKind.GraphAlert,
        ReplayShape.LegacyIncident => RecordKind.LegacyIncident,
        ReplayShape.LegacyEndpointAlert => RecordKind.LegacyEndpointAlert,
        ReplayShape.LegacySiemAlert => RecordKind.LegacySiemAlert,
        _ => null,
    };

    private static ReplayShape ByFields(JsonElement value)
    {
        if (value.TryGetProperty("@odata.type", out var type) && type.ValueKind == JsonValueKind.String)
        {
            var name = type.GetString() ?? string.Empty;
            if (name.Contains("security.incident", StringComparison.OrdinalIgnoreCase))
            {
                return ReplayShape.GraphIncident;
            }

            if (name.Contains("security.alert", StringComparison.OrdinalIgnoreCase))
            {
                return ReplayShape.GraphAlert;
            }
        }

        if (Has(value, "AlertId") || Has(value, "AlertTime"))
        {
            return ReplayShape.LegacySiemAlert;
        }

        if (Has(value, "alertCreationTime"))
        {
            return ReplayShape.LegacyEndpointAlert;
        }

        if (Has(value, "incidentName") || (Has(value, "incidentId") && Has(value, "lastUpdateTime") && !Has(value, "id")))
        {
            return ReplayShape.LegacyIncident;
        }

        if (!Has(value, "id") || !Has(value, "lastUpdateDateTime"))
        {
            return ReplayShape.Unknown;
        }

        if (Has(value, "incidentWebUrl") || Has(value, "redirectIncidentId") || (Has(value, "displayName") && Is(value, "alerts", JsonValueKind.Array)))
        {
            return ReplayShape.GraphIncident;
        }

        return Has(value, "alertWebUrl") || Has(value, "providerAlertId") || Has(value, "incidentId") || Has(value, "evidence")
            ? ReplayShape.GraphAlert
            : ReplayShape.Unknown;
    }

    private static ReplayShape ByContext(string? context)
    {
        if (string.IsNullOrEmpty(context))
        {
            return ReplayShape.Unknown;
        }

        // Graph: .../v1.0/$metadata#security/incidents(...) or #security/alerts_v2;
        // legacy: .../api/$metadata#Incidents and .../api/$metadata#Alerts.
        if (context.Contains("security/incidents", StringComparison.OrdinalIgnoreCase))
        {
            return ReplayShape.GraphIncident;
        }

        if (context.Contains("security/alerts", StringComparison.OrdinalIgnoreCase))
        {
            return ReplayShape.GraphAlert;
        }

        if (context.Contains("#Incidents", StringComparison.OrdinalIgnoreCase))
        {
            return ReplayShape.LegacyIncident;
        }

        return context.Contains("#Alerts", StringComparison.OrdinalIgnoreCase) ? ReplayShape.LegacyEndpointAlert : ReplayShape.Unknown;
    }

    private static bool Has(JsonElement value, string name) =>
        value.TryGetProperty(name, out var p) && p.ValueKind != JsonValueKind.Null;

    private static bool Is(JsonElement value, string name, JsonValueKind kind) =>
        value.TryGetProperty(name, out var p) && p.ValueKind == kind;
}
