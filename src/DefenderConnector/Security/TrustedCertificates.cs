using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DefenderConnector.Security;

/// <summary>
/// Certificates trusted in addition to the system store, read from one PEM file: a CA bundle (a
/// TLS-inspecting proxy's CA, a company root and its intermediates) or a single pinned server
/// certificate (an emulator's self-signed one). The system's verdict comes first; a certificate the
/// system refuses only for its chain is accepted when it chains to a certificate of the file (or is one
/// of them). The host name must always match; there is no accept-all switch.
/// </summary>
internal sealed class TrustedCertificates : IDisposable
{
    private readonly X509Certificate2Collection _anchors;

    private TrustedCertificates(X509Certificate2Collection anchors) => _anchors = anchors;

    public int Count => _anchors.Count;

    /// <summary>Reads every CERTIFICATE block of a PEM file; throws <see cref="InvalidDataException"/> when there is none.</summary>
    public static TrustedCertificates Load(string path)
    {
        var text = File.ReadAllText(path);
        var anchors = new X509Certificate2Collection();
        var rest = text.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            if (rest[fields.Label].SequenceEqual("CERTIFICATE"))
            {
                anchors.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(rest[fields.Base64Data].ToString())));
            }

            rest = rest[fields.Location.End..];
        }

        if (anchors.Count == 0)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)} holds no PEM CERTIFICATE block.");
        }

        return new TrustedCertificates(anchors);
    }

    /// <summary>True when <paramref name="path"/> loads (settings validation).</summary>
    public static bool IsReadable(string path)
    {
        try
        {
            using var certificates = Load(path);
            return true;
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or ArgumentException or IOException or UnauthorizedAccessException or CryptographicException)
        {
            return false;
        }
    }

    /// <summary>The TLS verdict; <paramref name="refusal"/> says why in plain words when false.</summary>
    public bool Validate(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors, out string? refusal) =>
        Validate(this, certificate, chain, errors, out refusal);

    /// <summary>The same verdict with nothing configured beyond the system store (<paramref name="trusted"/> null).</summary>
    public static bool Validate(TrustedCertificates? trusted, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors, out string? refusal)
    {
        refusal = null;
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            refusal = "the server sent no certificate";
            return false;
        }

        var subject = certificate.Subject;
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            refusal = $"the certificate ({subject}) is not issued for this host name";
            return false;
        }

        if (trusted is null)
        {
            refusal = $"the certificate ({subject}) does not chain to a trusted root: {Describe(chain)}";
            return false;
        }

        var raw = certificate.GetRawCertData();
        foreach (var anchor in trusted._anchors)
        {
            if (raw.AsSpan().SequenceEqual(anchor.RawData))
            {
                return true;
            }
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(trusted._anchors);
        custom.ChainPolicy.ExtraStore.AddRange(trusted._anchors);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var leaf = X509CertificateLoader.LoadCertificate(raw);
        if (custom.Build(leaf))
        {
            return true;
        }

        refusal = $"the certificate ({subject}) does not chain to the configured trusted certificate: {Describe(custom)}";
        return false;
    }

    public void Dispose()
    {
        foreach (var anchor in _anchors)
        {
            anchor.Dispose();
        }
    }

    private static string Describe(X509Chain? chain)
    {
        var problems = chain?.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct().ToArray() ?? [];
        return problems.Length == 0 ? "untrusted chain" : string.Join("; ", problems);
    }
}
