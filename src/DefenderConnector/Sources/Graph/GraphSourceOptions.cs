using DefenderConnector.Configuration;

namespace DefenderConnector.Sources.Graph;

/// <summary>
/// The Graph (and legacy fallback) source's settings after validation. Immutable; secrets are held as
/// <see cref="Secret"/>. Endpoint URLs are already derived from the cloud, with overrides applied.
/// </summary>
internal sealed record GraphSourceOptions
{
    public required string TenantId { get; init; }

    public required string ClientId { get; init; }

    /// <summary>The client secret, or null when a certificate is used.</summary>
    public Secret? ClientSecret { get; init; }

    /// <summary>A PFX or PEM file holding the certificate and its private key.</summary>
    public string? CertificatePath { get; init; }

    public Secret? CertificatePassword { get; init; }

    public GraphCloud Cloud { get; init; } = GraphCloud.Global;

    public required CloudEndpoints Endpoints { get; init; }

    /// <summary>True when the authority host was overridden: MSAL then skips instance discovery and authority validation.</summary>
    public bool AuthorityOverridden { get; init; }

    /// <summary>A PEM file of certificates trusted for every HTTPS call: a CA bundle or one pinned certificate.</summary>
    public string? TrustedCertificatePath { get; init; }

    /// <summary>An explicit HTTP proxy for every call (Entra, Graph, legacy APIs); null uses the system's.</summary>
    public ProxySettings? Proxy { get; init; }

    public ModeSetting Mode { get; init; } = ModeSetting.Auto;

    /// <summary>The legacy APIs auto mode may fall back to, in order.</summary>
    public IReadOnlyList<ApiMode> Fallback { get; init; } = [ApiMode.M365d, ApiMode.Mde, ApiMode.Siem];

    public TimeSpan PrimaryProbeInterval { get; init; } = GraphConstants.DefaultPrimaryProbeInterval;

    public TimeSpan PullInterval { get; init; } = GraphConstants.DefaultPullInterval;

    public TimeSpan InitialLookback { get; init; } = GraphConstants.DefaultInitialLookback;

    public TimeSpan Overlap { get; init; } = GraphConstants.DefaultOverlap;

    public TimeSpan MaxPullDuration { get; init; } = GraphConstants.DefaultMaxPullDuration;

    public TimeSpan RequestTimeout { get; init; } = GraphConstants.DefaultRequestTimeout;

    public bool PullAlerts { get; init; } = true;

    public int IncidentsPageSize { get; init; } = GraphConstants.DefaultIncidentsPageSize;

    public int AlertsPageSize { get; init; } = GraphConstants.DefaultAlertsPageSize;

    public int LegacyPageSize { get; init; } = GraphConstants.DefaultLegacyPageSize;

    public int MaxRetries { get; init; } = GraphConstants.DefaultMaxRetries;

    public int CircuitFailures { get; init; } = GraphConstants.DefaultCircuitFailures;

    public int ExpandFailures { get; init; } = GraphConstants.DefaultExpandFailures;

    public RequestBudgetLimits Budgets { get; init; } = RequestBudgetLimits.Default;

    /// <summary>Safe to print: no secret.</summary>
    public string Describe() =>
        $"Graph Security for tenant {TenantId}, app {ClientId} ({(CertificatePath is null ? "client secret" : "certificate")}), cloud {Cloud}, mode {Mode}{(Proxy is null ? string.Empty : $", proxy {Proxy.Describe()}")}";
}
