namespace DefenderConnector.Configuration;

/// <summary>How events are encoded for the sink.</summary>
internal enum OutputFormat
{
    /// <summary>OCSF 1.8.0 JSON, one object per event (the default).</summary>
    Ocsf,

    /// <summary>ArcSight CEF rev. 25 lines, usable as syslog payloads.</summary>
    Cef,

    /// <summary>Elastic Common Schema 8.x JSON.</summary>
    Ecs,
}
