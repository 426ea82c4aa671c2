using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace DefenderConnector.Host.Outputs.Network;

/// <summary>Checks the receiver's certificate against the pinned CAs and remembers why it was refused.</summary>
internal sealed class CertificateCheck(NetworkEndpointOptions options)
{
    public string? Problem { get; private set; }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        Problem = null;
        if (certificate is null)
        {
            Problem = "the receiver presented no certificate";
            return false;
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            Problem = $"the receiver's certificate ({certificate.Subject}) is not issued for '{options.ServerName}' (set serverName to the name it carries)";
            return false;
        }

        if (options.TrustedCas is null)
        {
            if (errors != SslPolicyErrors.None)
            {
                Problem = $"the receiver's certificate ({certificate.Subject}, issued by {certificate.Issuer}) is not trusted by this machine (set caFile to the receiver's CA bundle)";
            }

            return errors == SslPolicyErrors.None;
        }

        using var pinned = new X509Chain();
        pinned.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        pinned.ChainPolicy.CustomTrustStore.AddRange(options.TrustedCas);
        pinned.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            pinned.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (pinned.Build(leaf))
        {
            return true;
        }

        var status = string.Join("; ", pinned.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
        Problem = $"the receiver's certificate ({leaf.Subject}, issued by {leaf.Issuer}) does not chain to a CA in {options.CaFile}: {status}";
        return false;
    }
}
