using DefenderConnector.Mapping;
using DefenderConnector.Sources.Graph;

namespace DefenderConnector.Sources.Legacy;

/// <summary>What differs between the three legacy APIs: path, field names, paging style, role.</summary>
internal sealed record LegacyApiSpec(ApiMode Mode, string Path, string Name, string IdField, string TimeField, RecordKind Kind, string? Role, bool OData)
{
    /// <summary>Microsoft 365 Defender <c>/api/incidents</c>: OData, <c>$top</c> at most 100, PascalCase enums.</summary>
    public static LegacyApiSpec M365d { get; } = new(ApiMode.M365d, "/api/incidents", "incidents", "incidentId", "lastUpdateTime", RecordKind.LegacyIncident, GraphConstants.M365dRole, true);

    /// <summary>Defender for Endpoint <c>/api/alerts</c>: OData.</summary>
    public static LegacyApiSpec Mde { get; } = new(ApiMode.Mde, "/api/alerts", "alerts", "id", "lastUpdateTime", RecordKind.LegacyEndpointAlert, GraphConstants.MdeRole, true);

    /// <summary>The WDATP SIEM alert exporter: a bare JSON array bounded by <c>sinceTimeUtc</c> on LastProcessedTimeUtc.</summary>
    public static LegacyApiSpec Siem { get; } = new(ApiMode.Siem, "/api/alerts", "alerts", "AlertId", "LastProcessedTimeUtc", RecordKind.LegacySiemAlert, null, false);

    public static LegacyApiSpec For(ApiMode mode) => mode switch
    {
        ApiMode.M365d => M365d,
        ApiMode.Mde => Mde,
        ApiMode.Siem => Siem,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not a legacy API."),
    };
}
