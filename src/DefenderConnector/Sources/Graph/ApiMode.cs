namespace DefenderConnector.Sources.Graph;

/// <summary>Which API the source reads incidents and alerts from.</summary>
internal enum ApiMode
{
    /// <summary>Microsoft Graph Security v1.0 <c>/security/incidents</c> and <c>/security/alerts_v2</c> (the supported path).</summary>
    Graph,

    /// <summary>The Microsoft 365 Defender API <c>/api/incidents</c> (deprecated, off after 2027-02-01).</summary>
    M365d,

    /// <summary>The Defender for Endpoint API <c>/api/alerts</c> (deprecated, off after 2027-02-01).</summary>
    Mde,

    /// <summary>The WDATP SIEM API <c>/api/alerts</c> (retired; may be switched off at any time).</summary>
    Siem,
}
