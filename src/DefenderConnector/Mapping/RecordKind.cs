namespace DefenderConnector.Mapping;

/// <summary>What a record is, which decides how it is mapped.</summary>
internal enum RecordKind
{
    /// <summary>A Streaming API record: <c>{"time","tenantId","operationName","category":"AdvancedHunting-Table","properties":{...}}</c>.</summary>
    StreamingRecord,

    /// <summary>A Graph Security v1.0 incident (<c>/security/incidents</c>), possibly with expanded alerts.</summary>
    GraphIncident,

    /// <summary>A Graph Security v1.0 alert (<c>/security/alerts_v2</c>).</summary>
    GraphAlert,

    /// <summary>A Microsoft 365 Defender API incident (<c>/api/incidents</c>).</summary>
    LegacyIncident,

    /// <summary>A Defender for Endpoint <c>/api/alerts</c> alert.</summary>
    LegacyEndpointAlert,

    /// <summary>A WDATP SIEM API alert.</summary>
    LegacySiemAlert,
}
