using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using DefenderConnector.Configuration;
using DefenderConnector.Security;
using Microsoft.Identity.Client;

namespace DefenderConnector.Sources.Graph;

/// <summary>
/// The one HttpClient that MSAL, the Graph SDK and the legacy client share. It trusts the system store
/// and, when <c>graph.trustedCertificate</c> is set, the certificates of that PEM file as well (a CA
/// bundle or one pinned certificate; a host name mismatch is still refused). It never accepts any
/// certificate blindly. With <c>graph.proxy</c> every request goes through that HTTP proxy.
/// </summary>
internal sealed class TrustedHttpClientFactory : IMsalHttpClientFactory, IDisposable
{
    private readonly HttpClient _client;
    private readonly TrustedCertificates? _trusted;

    public TrustedHttpClientFactory(string? trustedCertificatePath, ProxySettings? proxy, TimeSpan timeout, Abstractions.IConnectorMetrics? metrics = null)
    {
        _trusted = trustedCertificatePath is null ? null : TrustedCertificates.Load(trustedCertificatePath);
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = Validate },
        };
        if (proxy is not null)
        {
            handler.Proxy = proxy.CreateWebProxy();
            handler.UseProxy = true;
        }

        _client = metrics is null
            ? new HttpClient(handler) { Timeout = timeout }
            : new HttpClient(new MeteredHttpHandler(metrics) { InnerHandler = handler }) { Timeout = timeout };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd(GraphConstants.UserAgent);
    }

    public HttpClient Client => _client;

    public HttpClient GetHttpClient() => _client;

    public void Dispose()
    {
        _client.Dispose();
        _trusted?.Dispose();
    }

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        TrustedCertificates.Validate(_trusted, certificate, chain, errors, out _);
}
