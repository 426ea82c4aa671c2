using DefenderConnector.Pulling;
namespace DefenderConnector.Sources.Graph;

/// <summary>Plain-words diagnoses for each failure class, naming the setting to fix. Never a secret.</summary>
internal static class ConnectivityDiagnosis
{
    public static string For(ConnectorException e, GraphSourceOptions o, string host)
    {
        var api = e.Api ?? ApiMode.Graph;
        var setting = api == ApiMode.Graph ? "graph.graphBaseUrl" : $"graph.{api.ToString().ToLowerInvariant()}BaseUrl";
        return e.GraphReason switch
        {
            GraphFailureReason.DnsFailure => $"The host {host} does not resolve. Check graph.cloud ({o.Cloud}) or the overrides graph.authorityHost / {setting}, and the DNS and proxy settings of this machine.",
            GraphFailureReason.TlsFailure => $"The TLS handshake with {host} failed: its certificate is not trusted, or not issued for this host name. If a TLS-inspecting proxy is in the way, put its CA certificate (PEM, a bundle may hold several) in graph.trustedCertificate or trust it on this machine; for a test server set graph.trustedCertificate to its certificate.",
            GraphFailureReason.ConnectionFailed when o.Proxy is not null => $"No connection to {host} through the proxy {o.Proxy.Describe()}: check graph.proxy.url, and graph.proxy.username / graph.proxy.password if the proxy answers 407. {e.Message}",
            GraphFailureReason.ConnectionFailed => $"Nothing answered at {host}: outbound HTTPS (443) may be blocked by a firewall or proxy (set graph.proxy), or the host is down. {e.Message}",
            GraphFailureReason.TenantNotFound => $"Entra does not know tenant {o.TenantId} in the {o.Cloud} cloud (AADSTS{e.AadstsCode}). Check graph.tenantId and graph.cloud.",
            GraphFailureReason.ApplicationNotFound => $"No application with client id {o.ClientId} exists in tenant {o.TenantId} (AADSTS700016). Check graph.clientId and that the app is registered in this tenant and cloud.",
            GraphFailureReason.InvalidSecret => "The client secret is wrong (AADSTS7000215). Put the secret's Value, not its Secret ID, in graph.clientSecret.",
            GraphFailureReason.ExpiredSecret => "The client secret has expired (AADSTS7000222). Create a new secret in the app registration (Certificates & secrets) and update graph.clientSecret.",
            GraphFailureReason.UnknownCertificate => $"The certificate in graph.certificatePath is not one uploaded to the app (AADSTS{e.AadstsCode}). Upload its public part under Certificates & secrets, or point graph.certificatePath at the right file.",
            GraphFailureReason.CertificateUnusable => "The certificate in graph.certificatePath cannot be used: check that the file holds the certificate with its private key and that graph.certificatePassword is right.",
            GraphFailureReason.AuthenticationFailed => $"Entra refused to issue a token: {e.Message} Check graph.tenantId, graph.clientId and the credential.",
            GraphFailureReason.MissingPermission => $"The app lacks the application permission {RoleFor(api, e)} for the {api} API, or admin consent was not granted. Add it under API permissions and grant admin consent.",
            GraphFailureReason.Unauthorized => $"The {api} API rejected the token (401): it was issued for another cloud or audience. Check graph.cloud and the scope settings.",
            GraphFailureReason.NotFound => $"The {api} endpoint at {host} was not found (404): the API may be retired here, or {setting} is wrong.",
            GraphFailureReason.NotSupported => $"{e.Message}",
            GraphFailureReason.Throttled => $"The {api} API is throttling this app{(e.RetryAfter is { } r ? $" (Retry-After {r.TotalSeconds:0} s)" : string.Empty)}. Every connector using app {o.ClientId} in this tenant shares one budget (Graph: about 150 requests a minute). Try again later.",
            GraphFailureReason.ServiceError => $"The {api} service failed ({(int?)e.StatusCode}). This is on Microsoft's side; try again later.",
            _ => $"The {api} API call failed: {e.Message}",
        };
    }

    public static string Outcome(GraphFailureReason reason) => reason switch
    {
        GraphFailureReason.CertificateUnusable => "CertificateUnusable",
        _ => reason.ToString(),
    };

    /// <summary>The role Graph said is missing, else the one this API is documented to need.</summary>
    public static string RoleFor(ApiMode api, ConnectorException e, string? graphStream = null)
    {
        var named = GraphFailureClassifier.RequiredRole(e.Message);
        if (named is not null)
        {
            return named;
        }

        return api switch
        {
            ApiMode.Graph => graphStream == "alerts" ? GraphConstants.GraphAlertsRole : GraphConstants.GraphIncidentsRole,
            ApiMode.M365d => GraphConstants.M365dRole,
            ApiMode.Mde => GraphConstants.MdeRole,
            _ => "SIEM integration (the app created by Settings > SIEM)",
        };
    }
}
