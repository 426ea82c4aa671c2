using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Identity.Client;

namespace DefenderConnector.Sources.Graph;

/// <summary>
/// The one HttpClient that MSAL, the Graph SDK and the legacy client share. It trusts the system store
/// and, when <c>graph.trustedCertificate</c> is set, exactly that certificate as well (pinned by its
/// bytes; a host name mismatch is still refused). It never accepts any certificate blindly.
/// </summary>
internal sealed class TrustedHttpClientFactory : IMsalHttpClientFactory, IDisposable
{
    private readonly HttpClient _client;
    private readonly X509Certificate2? _pinned;

    public TrustedHttpClientFactory(string? trustedCertificatePath, TimeSpan timeout)
    {
        _pinned = trustedCertificatePath is null ? null : LoadPem(trustedCertificatePath);
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = Validate },
        };
        _client = new HttpClient(handler) { Timeout = timeout };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd(GraphConstants.UserAgent);
    }

    public HttpClient Client => _client;

    public HttpClient GetHttpClient() => _client;

    public void Dispose()
    {
        _client.Dispose();
        _pinned?.Dispose();
    }

    internal static X509Certificate2 LoadPem(string path)
    {
        var text = File.ReadAllText(path);
        var fields = PemEncoding.Find(text);
        if (!text[fields.Label].SequenceEqual("CERTIFICATE"))
        {
            throw new InvalidDataException($"{Path.GetFileName(path)} does not start with a PEM CERTIFICATE block.");
        }

        return X509CertificateLoader.LoadCertificate(Convert.FromBase64String(text[fields.Base64Data]));
    }

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        // The pin replaces only the chain check (a self-signed test certificate has no chain); the
        // name must still match and the certificate must be exactly the configured one.
        return _pinned is not null
            && certificate is not null
            && errors == SslPolicyErrors.RemoteCertificateChainErrors
            && certificate.GetRawCertData().AsSpan().SequenceEqual(_pinned.RawData);
    }
}
