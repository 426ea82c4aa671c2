using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>Self-signed TLS server certificates for the emulator, and their public part as PEM for clients to trust.</summary>
public static class EmulatorCertificate
{
    /// <summary>
    /// Creates an RSA 2048 self-signed server certificate for <paramref name="host"/> (also valid for
    /// localhost, 127.0.0.1 and ::1), valid from yesterday for one year, with an exportable private key.
    /// </summary>
    public static X509Certificate2 Create(string host)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={host}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        foreach (string name in new[] { host, "localhost" }.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!IPAddress.TryParse(name, out var ip)) { names.AddDnsName(name); }
            else if (!ip.Equals(IPAddress.Loopback) && !ip.Equals(IPAddress.IPv6Loopback)) { names.AddIpAddress(ip); }
        }

        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1")], false));

        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));

        // An ephemeral key is not usable by SslStream on every platform: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null,
            X509KeyStorageFlags.Exportable);
    }

    /// <summary>The certificate (public part only) as PEM text.</summary>
    public static string ExportPublicPem(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.ExportCertificatePem();
    }

    /// <summary>Writes the public part as a PEM file, e.g. for the connector's <c>eventHub.trustedCertificate</c> setting.</summary>
    public static void WritePublicPem(X509Certificate2 certificate, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        File.WriteAllText(path, ExportPublicPem(certificate));
    }
}
