using System.Security.Cryptography.X509Certificates;
using DefenderConnector.Host.Outputs.Http;

namespace DefenderConnector.Host.Outputs.Sentinel;

/// <summary>The Microsoft Sentinel / Azure Monitor Logs Ingestion output's settings (<c>output.sentinel</c>).</summary>
/// <param name="Endpoint">The data collection endpoint or the DCR's logs ingestion endpoint (<c>endpoint</c>) and the shared HTTP settings.</param>
/// <param name="RuleId">The data collection rule's immutable id (<c>dcrImmutableId</c>, dcr-...).</param>
/// <param name="Stream">The DCR's input stream (<c>streamName</c>, e.g. Custom-DefenderOcsf_CL).</param>
/// <param name="TenantId">The Entra tenant (<c>tenantId</c>).</param>
/// <param name="ClientId">The app registration (<c>clientId</c>).</param>
/// <param name="ClientSecret">The app's secret (<c>clientSecret</c>, a secret reference); or</param>
/// <param name="ClientCertificate">its certificate with the private key (<c>clientCertificate</c>, <c>clientKey</c>, <c>clientCertificatePassword</c>).</param>
/// <param name="AuthorityHost">Entra's host (<c>authorityHost</c>, default https://login.microsoftonline.com; sovereign clouds differ).</param>
/// <param name="Scope">The token scope (<c>scope</c>, default https://monitor.azure.com//.default).</param>
/// <param name="ApiVersion">The Logs Ingestion API version (<c>apiVersion</c>, default 2023-01-01).</param>
internal sealed record SentinelOutputOptions(
    HttpEndpointOptions Endpoint,
    string RuleId,
    string Stream,
    string TenantId,
    string ClientId,
    HostSecret? ClientSecret,
    X509Certificate2? ClientCertificate,
    Uri AuthorityHost,
    string Scope,
    string ApiVersion)
{
    public Uri IngestUrl => new(Endpoint.Url, $"{Endpoint.Url.AbsolutePath.TrimEnd('/')}/dataCollectionRules/{Uri.EscapeDataString(RuleId)}/streams/{Uri.EscapeDataString(Stream)}?api-version={Uri.EscapeDataString(ApiVersion)}");
}
