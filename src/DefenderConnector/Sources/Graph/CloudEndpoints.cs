namespace DefenderConnector.Sources.Graph;

/// <summary>
/// The hosts and token scopes of one cloud. Legacy hosts are null where Microsoft documents none
/// (China); such a mode is then unavailable unless its base URL is set explicitly.
/// </summary>
internal sealed record CloudEndpoints(
    string AuthorityHost,
    string GraphBaseUrl,
    string GraphScope,
    bool GraphSecuritySupported,
    string? M365dBaseUrl,
    string? M365dScope,
    string? MdeBaseUrl,
    string? MdeScope,
    string? SiemBaseUrl,
    string SiemScope)
{
    /// <summary>The derived endpoints (sources: Graph national-cloud deployments, MSAL AzureCloud, Defender gov pages).</summary>
    public static CloudEndpoints For(GraphCloud cloud, string siemRegion) => cloud switch
    {
        GraphCloud.Global => new(
            "https://login.microsoftonline.com", "https://graph.microsoft.com/v1.0", "https://graph.microsoft.com/.default", true,
            "https://api.security.microsoft.com", "https://api.security.microsoft.com/.default",
            "https://api.securitycenter.microsoft.com", "https://api.securitycenter.microsoft.com/.default",
            $"https://wdatp-alertexporter-{siemRegion}.windows.com", GraphConstants.SiemScope),

        // GCC keeps the worldwide login and Graph; only the Defender APIs move to .us hosts.
        GraphCloud.Gcc => new(
            "https://login.microsoftonline.com", "https://graph.microsoft.com/v1.0", "https://graph.microsoft.com/.default", true,
            "https://api-gcc.security.microsoft.us", "https://api-gcc.security.microsoft.us/.default",
            "https://api-gcc.securitycenter.microsoft.us", "https://api-gcc.securitycenter.microsoft.us/.default",
            "https://wdatp-alertexporter-us.gcc.securitycenter.windows.us", GraphConstants.SiemScope),
        GraphCloud.GccHigh => new(
            "https://login.microsoftonline.us", "https://graph.microsoft.us/v1.0", "https://graph.microsoft.us/.default", true,
            "https://api-gov.security.microsoft.us", "https://api-gov.security.microsoft.us/.default",
            "https://api-gov.securitycenter.microsoft.us", "https://api-gov.securitycenter.microsoft.us/.default",
            "https://wdatp-alertexporter-us.securitycenter.windows.us", GraphConstants.SiemScope),

        // DoD shares the .us login with GCC High but has its own Graph host.
        GraphCloud.DoD => new(
            "https://login.microsoftonline.us", "https://dod-graph.microsoft.us/v1.0", "https://dod-graph.microsoft.us/.default", true,
            "https://api-gov.security.microsoft.us", "https://api-gov.security.microsoft.us/.default",
            "https://api-gov.securitycenter.microsoft.us", "https://api-gov.securitycenter.microsoft.us/.default",
            "https://wdatp-alertexporter-us.securitycenter.windows.us", GraphConstants.SiemScope),
        GraphCloud.China => new(
            "https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn/v1.0", "https://microsoftgraph.chinacloudapi.cn/.default", false,
            null, null, null, null, null, GraphConstants.SiemScope),
        _ => throw new ArgumentOutOfRangeException(nameof(cloud), cloud, "Unknown cloud."),
    };
}
