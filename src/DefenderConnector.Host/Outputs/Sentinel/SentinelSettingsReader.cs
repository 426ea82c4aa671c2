using DefenderConnector.Host.Outputs.Http;
using DefenderConnector.Host.Outputs.Network;

namespace DefenderConnector.Host.Outputs.Sentinel;

/// <summary>Reads <c>output.sentinel</c>.</summary>
internal static class SentinelSettingsReader
{
    /// <summary>The Logs Ingestion API takes at most 1 MB per call; the default leaves room below it.</summary>
    public const int MaxCallBytes = 1_048_576;

    public const int DefaultMaxRequestBytes = 1_000_000;

    public const string DefaultScope = "https://monitor.azure.com//.default";

    public static SentinelOutputOptions? Read(SettingsSection section, string baseDirectory, Func<string, string?> environment)
    {
        section.RejectUnknown([.. HttpEndpointReader.Keys, "endpoint", "dcrImmutableId", "streamName", "tenantId", "clientId", "clientSecret", "clientCertificate", "clientKey", "clientCertificatePassword", "authorityHost", "scope", "apiVersion"]);
        var endpoint = HttpEndpointReader.RequiredUrl(section, "endpoint", "the data collection endpoint (or the DCR's logs ingestion endpoint), e.g. https://my-dce.westeurope-1.ingest.monitor.azure.com");
        var rule = Required(section, "dcrImmutableId", "the data collection rule's immutable id (dcr-...)");
        if (rule is not null && !rule.StartsWith("dcr-", StringComparison.Ordinal))
        {
            section.Problem("dcrImmutableId", "must be the rule's immutable id, which starts with dcr- (not its name or resource id).");
        }

        var stream = Required(section, "streamName", "the DCR's input stream, e.g. Custom-DefenderOcsf_CL");
        var tenant = Required(section, "tenantId", "the Entra tenant id");
        var client = Required(section, "clientId", "the app registration's client id");
        var secret = HostSecret.Resolve(section, "clientSecret", baseDirectory, environment);
        var certificateFile = section.String("clientCertificate");
        var password = HostSecret.Resolve(section, "clientCertificatePassword", baseDirectory, environment);
        var certificate = certificateFile is null ? null : NetworkEndpointReader.LoadClientCertificate(section, certificateFile, section.String("clientKey"), password, baseDirectory);
        if (section.Has("clientSecret") && certificateFile is not null)
        {
            section.Problem("clientCertificate", "and clientSecret are both set: use one.");
        }
        else if (!section.Has("clientSecret") && certificateFile is null)
        {
            section.Problem("clientSecret", "or clientCertificate is required: how the app signs in to Entra.");
        }

        var authorityText = section.String("authorityHost") ?? "https://login.microsoftonline.com";
        var authority = HttpEndpointReader.Url(section, "authorityHost", authorityText);
        if (authority is not null && authority.Scheme != Uri.UriSchemeHttps)
        {
            section.Problem("authorityHost", "must be https.");
        }

        var scope = section.String("scope") ?? DefaultScope;
        var apiVersion = section.String("apiVersion") ?? "2023-01-01";
        var http = HttpEndpointReader.Read(section, endpoint is null ? null : [endpoint], DefaultMaxRequestBytes, MaxCallBytes, defaultGzip: true, baseDirectory);
        return http is null || rule is null || stream is null || tenant is null || client is null || authority is null || (secret is null && certificate is null)
            ? null
            : new SentinelOutputOptions(http, rule, stream, tenant, client, secret, certificate, authority, scope, apiVersion);
    }

    private static string? Required(SettingsSection section, string key, string what)
    {
        var value = section.String(key);
        if (value is null && !section.Problems.Any(p => p.Setting == section.Name(key)))
        {
            section.Problem(key, $"is required: {what}.");
        }

        return value;
    }
}
