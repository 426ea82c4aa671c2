using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using DefenderConnector.Security;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// Validates the service's TLS certificate with <see cref="TrustedCertificates"/>: the system's verdict
/// first; when that fails only because of the chain and <c>eventHub.trustedCertificate</c> is set (a CA
/// bundle or an emulator's certificate), the chain is rebuilt with those certificates as the only trust
/// anchors. The host name must always match; there is no accept-all switch. Remembers the last verdict
/// so the connectivity probe can explain it.
/// </summary>
internal sealed class CertificateValidator
{
    private readonly TrustedCertificates? _trusted;

    public CertificateValidator(string? trustedCertificatePath)
    {
        _trusted = trustedCertificatePath is null ? null : TrustedCertificates.Load(trustedCertificatePath);
    }

    /// <summary>Why the last certificate was refused, in plain words; null when it was accepted or none was seen.</summary>
    public string? LastRefusal { get; private set; }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var accepted = TrustedCertificates.Validate(_trusted, certificate, chain, errors, out var refusal);
        LastRefusal = refusal;
        return accepted;
    }
}
