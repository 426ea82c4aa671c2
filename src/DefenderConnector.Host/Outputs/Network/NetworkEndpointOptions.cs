using System.Security.Cryptography.X509Certificates;

namespace DefenderConnector.Host.Outputs.Network;

/// <summary>A TCP receiver, optionally behind TLS, shared by the syslog and RELP outputs. Copied at construction, then immutable.</summary>
/// <param name="Host">The receiver's name or address (<c>host</c>).</param>
/// <param name="Port">Its TCP port (<c>port</c>).</param>
/// <param name="Tls">Whether to speak TLS (<c>tls</c>).</param>
/// <param name="ServerName">The name the receiver's certificate must carry (<c>serverName</c>, default <c>host</c>).</param>
/// <param name="TrustedCas">When set (<c>caFile</c>), the only CAs a receiver's chain may end in (pinned); otherwise the system store.</param>
/// <param name="ClientCertificate">Presented when the receiver asks (<c>clientCertificate</c>, <c>clientKey</c>, <c>clientCertificatePassword</c>).</param>
/// <param name="ConnectTimeout">How long a connection (and TLS handshake) may take (<c>connectTimeout</c>, default 10 s).</param>
/// <param name="CaFile">The configured CA bundle's path, for reports.</param>
internal sealed record NetworkEndpointOptions(
    string Host,
    int Port,
    bool Tls,
    string ServerName,
    X509Certificate2Collection? TrustedCas,
    X509Certificate2? ClientCertificate,
    TimeSpan ConnectTimeout,
    string? CaFile)
{
    public string Describe() => $"{(Tls ? "tls" : "tcp")}://{Host}:{Port}";
}
