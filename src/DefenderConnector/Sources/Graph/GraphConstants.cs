namespace DefenderConnector.Sources.Graph;

/// <summary>Every default of the Graph and legacy sources, in one place.</summary>
internal static class GraphConstants
{
    public const string SourceName = "graph";

    /// <summary>The SIEM API took v1 tokens for the Azure AD Graph resource.</summary>
    public const string SiemScope = "https://graph.windows.net/.default";

    public const string DefaultSiemRegion = "us";

    public static readonly TimeSpan DefaultPullInterval = TimeSpan.FromMinutes(5);

    /// <summary>Elastic's default for Graph streams: a first run reads the last day.</summary>
    public static readonly TimeSpan DefaultInitialLookback = TimeSpan.FromHours(24);

    /// <summary>Re-read this far behind the high-watermark, for items indexed late; duplicates are dropped by key.</summary>
    public static readonly TimeSpan DefaultOverlap = TimeSpan.FromMinutes(2);

    public static readonly TimeSpan DefaultPrimaryProbeInterval = TimeSpan.FromMinutes(30);

    public static readonly TimeSpan DefaultMaxPullDuration = TimeSpan.FromMinutes(4);

    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Graph documents no maximum; 50 is what Elastic found incidents accept with <c>$expand=alerts</c>.</summary>
    public const int DefaultIncidentsPageSize = 50;

    /// <summary>Graph Security clamps <c>$top</c> on alerts to 1000 (Graph Security API error responses, "Constraints").</summary>
    public const int DefaultAlertsPageSize = 1000;

    public const int MaxAlertsPageSize = 1000;

    public const int MaxIncidentsPageSize = 50;

    /// <summary>Graph Security answers 400 to a <c>$skip</c> above 500 (Graph Security API error responses, "Constraints").</summary>
    public const int GraphSkipLimit = 500;

    /// <summary>The M365D incidents API caps <c>$top</c> at 100.</summary>
    public const int DefaultLegacyPageSize = 100;

    public const int DefaultMaxRetries = 4;

    /// <summary>Consecutive failed pulls on one API before auto mode opens the circuit and falls back.</summary>
    public const int DefaultCircuitFailures = 3;

    /// <summary>Consecutive 5xx answers to <c>$expand=alerts</c> before incidents are read without it.</summary>
    public const int DefaultExpandFailures = 2;

    public const int DefaultGraphRequestsPerMinute = 150;
    public const int DefaultM365dRequestsPerMinute = 50;
    public const int DefaultM365dRequestsPerHour = 1500;
    public const int DefaultMdeRequestsPerMinute = 100;
    public const int DefaultMdeRequestsPerHour = 1500;
    public const int DefaultSiemRequestsPerMinute = 100;

    /// <summary>The Defender partner convention <c>MdatpPartner-{Company}-{Product}/{Version}</c>.</summary>
    public const string UserAgent = "MdatpPartner-DefenderConnector-SiemConnector/0.1.0";

    /// <summary>The roles each API needs (any one of them), named in diagnoses.</summary>
    public const string GraphIncidentsRole = "SecurityIncident.Read.All";
    public const string GraphAlertsRole = "SecurityAlert.Read.All";
    public const string M365dRole = "Incident.Read.All";
    public const string MdeRole = "Alert.Read.All";

    /// <summary>The one "partition" of the poller lease: whoever owns it polls (a shared checkpoint store only).</summary>
    public const string LeasePartition = "poller";

    /// <summary>The lease's stream in the ownership store, per tenant: its blob is <c>defender-connector/graph/{tenant}/ownership/poller</c>.</summary>
    public static string LeaseStream(string tenantId) => $"defender-connector/graph/{tenantId}".ToLowerInvariant();
}
