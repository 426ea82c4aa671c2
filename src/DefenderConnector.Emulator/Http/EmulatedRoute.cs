namespace DefenderConnector.Emulator.Http;

/// <summary>The routes the HTTPS stand-in serves; faults are scripted and requests journaled per route.</summary>
public enum EmulatedRoute
{
    /// <summary>Entra <c>POST /{tenant}/oauth2/v2.0/token</c>.</summary>
    Token,

    /// <summary>Graph <c>GET /v1.0/security/incidents</c>.</summary>
    GraphIncidents,

    /// <summary>Graph <c>GET /v1.0/security/alerts_v2</c>.</summary>
    GraphAlerts,

    /// <summary>Microsoft 365 Defender <c>GET /m365d/api/incidents</c>.</summary>
    M365dIncidents,

    /// <summary>Defender for Endpoint <c>GET /mde/api/alerts</c>.</summary>
    MdeAlerts,

    /// <summary>WDATP SIEM <c>GET /siem/api/alerts</c>.</summary>
    SiemAlerts,

    /// <summary>Splunk HEC <c>POST /services/collector/event</c>.</summary>
    HecEvent,

    /// <summary>Splunk HEC <c>POST /services/collector/ack</c>.</summary>
    HecAck,

    /// <summary>Elasticsearch / OpenSearch <c>POST /_bulk</c>.</summary>
    Bulk,

    /// <summary>Azure Monitor Logs Ingestion <c>POST /dataCollectionRules/{id}/streams/{stream}</c>.</summary>
    LogsIngestion,
}
