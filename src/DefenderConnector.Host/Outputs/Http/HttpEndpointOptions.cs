using System.Security.Cryptography.X509Certificates;
using DefenderConnector.Host.Outputs.Network;

namespace DefenderConnector.Host.Outputs.Http;

/// <summary>What every HTTP output shares: where, which CAs to trust, how long to wait, how big a request may be, gzip, retries.</summary>
/// <param name="Urls">The receiver's base URLs (several only for Elasticsearch); never with credentials in them.</param>
/// <param name="TrustedCas">When set (<c>caFile</c>), the only CAs the receiver's chain may end in; otherwise the system store.</param>
/// <param name="CaFile">The configured CA bundle's path, for reports.</param>
/// <param name="ConnectTimeout">TCP connect and TLS handshake (<c>connectTimeout</c>, default 10 s).</param>
/// <param name="RequestTimeout">One request, from sending to the whole answer (<c>requestTimeout</c>, default 60 s).</param>
/// <param name="MaxRequestBytes">The largest request body before compression (<c>maxRequestBytes</c>); larger batches are split.</param>
/// <param name="Gzip">Compress request bodies (<c>gzip</c>).</param>
/// <param name="Retry">Backoff for transient failures (<c>maxRetries</c>, <c>retryDelay</c>, <c>retryMaxDelay</c>).</param>
internal sealed record HttpEndpointOptions(
    IReadOnlyList<Uri> Urls,
    X509Certificate2Collection? TrustedCas,
    string? CaFile,
    TimeSpan ConnectTimeout,
    TimeSpan RequestTimeout,
    int MaxRequestBytes,
    bool Gzip,
    RetrySettings Retry)
{
    public Uri Url => Urls[0];

    /// <summary>The TLS expectations for <paramref name="url"/>, in the shape the certificate check takes.</summary>
    public NetworkEndpointOptions TlsFor(Uri url) =>
        new(url.IdnHost, url.Port, url.Scheme == Uri.UriSchemeHttps, url.IdnHost, TrustedCas, null, ConnectTimeout, CaFile);

    /// <summary>A URL for people: scheme, host, port and path, never a query (which could hold a secret).</summary>
    public static string Describe(Uri url) => url.GetLeftPart(UriPartial.Path).TrimEnd('/');
}
