using DefenderConnector.Configuration;
using Microsoft.Identity.Client;

namespace DefenderConnector.Sources.Graph;

/// <summary>
/// App-only tokens from Entra with MSAL: one confidential client per source, so MSAL's in-memory app
/// token cache lives as long as the source. Test-connectivity asks with <c>forceRefresh</c> so a
/// cached token never hides a rotated or revoked credential.
/// </summary>
internal sealed class EntraTokenSource
{
    private readonly IConfidentialClientApplication _app;
    private readonly Abstractions.IConnectorMetrics? _metrics;

    public EntraTokenSource(GraphSourceOptions options, IMsalHttpClientFactory http, Abstractions.IConnectorMetrics? metrics = null)
    {
        _metrics = metrics;
        var builder = ConfidentialClientApplicationBuilder.Create(options.ClientId)
            .WithHttpClientFactory(http, retryOnceOn5xx: false); // the source's Polly pipeline is the only retry layer
        builder = options.ClientSecret is { } secret
            ? builder.WithClientSecret(secret.Value)
            : builder.WithCertificate(ClientCertificateLoader.Load(options.CertificatePath!, options.CertificatePassword), sendX5C: true);

        var authority = $"{options.Endpoints.AuthorityHost}/{options.TenantId}";
        builder = options.AuthorityOverridden
            // An overridden host is not in MSAL's known list: skip discovery and validation rather than
            // asking login.microsoftonline.com about a host it cannot know.
            ? builder.WithAuthority(authority, validateAuthority: false).WithInstanceDiscovery(false)
            : builder.WithAuthority(authority);
        _app = builder.Build();
    }

    public async Task<string> GetTokenAsync(string scope, bool forceRefresh, ApiMode api, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _app.AcquireTokenForClient([scope]).WithForceRefresh(forceRefresh).ExecuteAsync(cancellationToken).ConfigureAwait(false);
            if (result.AuthenticationResultMetadata?.TokenSource == TokenSource.IdentityProvider)
            {
                // A token fetched from Entra, not served from MSAL's cache.
                _metrics?.Add("auth.token_refreshes", 1, new KeyValuePair<string, string>("source", GraphConstants.SourceName));
            }

            return result.AccessToken;
        }
        catch (Exception e) when (e is MsalException or HttpRequestException or System.Security.Cryptography.CryptographicException
            || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw GraphFailureClassifier.Classify(e, api, time.GetUtcNow());
        }
    }
}
