using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;

namespace DefenderConnector.Host.Outputs.Sentinel;

/// <summary>
/// The app's Entra token for Azure Monitor, through Azure.Identity (client secret or certificate). Entra is
/// reached through the output's own HTTP handler, so <c>caFile</c> applies to it too. Azure.Identity caches and
/// renews the token. A refusal by Entra (AADSTS...) is not transient; Entra unreachable is.
/// </summary>
internal sealed class EntraTokenSource
{
    private static readonly string[] PublicAuthorities = ["login.microsoftonline.com", "login.microsoftonline.us", "login.chinacloudapi.cn", "login.partner.microsoftonline.cn"];
    private readonly TokenCredential _credential;
    private readonly TokenRequestContext _context;
    private readonly string _authority;

    public EntraTokenSource(SentinelOutputOptions options, System.Net.Http.HttpMessageHandler handler)
    {
        _context = new TokenRequestContext([options.Scope]);
        _authority = options.AuthorityHost.Host;
        var known = PublicAuthorities.Contains(options.AuthorityHost.Host, StringComparer.OrdinalIgnoreCase);
        var transport = new HttpClientTransport(new HttpClient(handler, disposeHandler: false));
        if (options.ClientSecret is { } secret)
        {
            var settings = new ClientSecretCredentialOptions { AuthorityHost = options.AuthorityHost, Transport = transport, DisableInstanceDiscovery = !known };
            settings.Retry.MaxRetries = 0;
            _credential = new ClientSecretCredential(options.TenantId, options.ClientId, secret.Value, settings);
        }
        else
        {
            var settings = new ClientCertificateCredentialOptions { AuthorityHost = options.AuthorityHost, Transport = transport, DisableInstanceDiscovery = !known, SendCertificateChain = false };
            settings.Retry.MaxRetries = 0;
            _credential = new ClientCertificateCredential(options.TenantId, options.ClientId, options.ClientCertificate!, settings);
        }
    }

    public async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await _credential.GetTokenAsync(_context, cancellationToken).ConfigureAwait(false)).Token;
        }
        catch (AuthenticationFailedException e)
        {
            var line = e.Message.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("AADSTS", StringComparison.Ordinal));
            if (line is not null)
            {
                throw Refused(line, e);
            }

            throw new OutputDeliveryException($"sentinel output: no token from Entra ({_authority}): {e.GetBaseException().Message.ReplaceLineEndings(" ")}", true, e, "auth");
        }
    }

    private static OutputDeliveryException Refused(string line, Exception e) =>
        new($"sentinel output: Entra refused the app's sign-in: {line} Check output.sentinel.tenantId, clientId and clientSecret (or clientCertificate).", false, e, "auth");
}
