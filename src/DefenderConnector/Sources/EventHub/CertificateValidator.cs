using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// Validates the service's TLS certificate: the system's verdict first; when that fails only because
/// of the chain and a trusted certificate is configured (an emulator's test certificate), the chain
/// is rebuilt with that certificate as the only trust anchor. The host name must always match; there
/// is no accept-all switch. Remembers the last verdict so the connectivity probe can explain it.
/// </summary>
internal sealed class CertificateValidator
{
    private readonly X509Certificate2Collection? _trusted;

    public CertificateValidator(string? trustedCertificatePath)
    {
        if (trustedCertificatePath is not null)
        {
            _trusted = [];
            _trusted.ImportFromPemFile(trustedCertificatePath);
        }
    }

    /// <summary>Why the last certificate was refused, in plain words; null when it was accepted or none was seen.</summary>
    public string? LastRefusal { get; private set; }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        LastRefusal = null;
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            LastRefusal = "the server sent no certificate";
            return false;
        }

        var subject = certificate.Subject;
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            LastRefusal = $"the certificate ({subject}) is not issued for this host name";
            return false;
        }

        if (_trusted is null || _trusted.Count == 0)
        {
            LastRefusal = $"the certificate ({subject}) does not chain to a trusted root: {Describe(chain)}";
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_trusted);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (custom.Build(leaf))
        {
            return true;
        }

        LastRefusal = $"the certificate ({subject}) does not chain to the configured trusted certificate: {Describe(custom)}";
        return false;
    }

    private static string Describe(X509Chain? chain)
    {
        var problems = chain?.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct().ToArray() ?? [];
        return problems.Length == 0 ? "untrusted chain" : string.Join("; ", problems);
    }
}
