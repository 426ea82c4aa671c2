namespace DefenderConnector.Replay;

/// <summary>What one JSON value of a replay input is.</summary>
internal enum ReplayShape
{
    /// <summary>Not a shape the connector reads.</summary>
    Unknown,

    /// <summary>An Event Hub message body: <c>{"records":[...]}</c>.</summary>
    EventHubBody,

    /// <summary>One Streaming API record or Azure Storage export row: <c>category</c> and <c>properties</c>.</summary>
    StreamingRecord,

    /// <summary>An OData page: <c>{"value":[...]}</c> (Graph, Microsoft 365 Defender API, MDE API).</summary>
    Page,

    /// <summary>A Graph Security v1.0 incident.</summary>
    GraphIncident,

    /// <summary>A Graph Security v1.0 alert (alerts_v2).</summary>
    GraphAlert,

    /// <summary>A Microsoft 365 Defender API incident (<c>incidentId</c>, <c>incidentName</c>).</summary>
    LegacyIncident,

    /// <summary>A Defender for Endpoint API alert (<c>alertCreationTime</c>).</summary>
    LegacyEndpointAlert,

    /// <summary>A WDATP SIEM API alert (<c>AlertId</c>, <c>AlertTime</c>).</summary>
    LegacySiemAlert,
}
