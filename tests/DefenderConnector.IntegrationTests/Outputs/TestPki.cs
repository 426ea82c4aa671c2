using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DefenderConnector.IntegrationTests.Outputs;

/// <summary>A CA and a server certificate for 127.0.0.1/localhost, generated per test and written as PEM files.</summary>
internal sealed class TestPki
{
    private readonly X509Certificate2 _ca;

    public TestPki(string folder, string name)
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest($"CN={name} test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.UtcNow;
        var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        _ca = ca;

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest($"CN={name} receiver", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        using var server = serverRequest.Create(ca, now.AddDays(-1), now.AddDays(29), RandomNumberGenerator.GetBytes(12));

        CaFile = Path.Combine(folder, $"{name}-ca.pem");
        CertificateFile = Path.Combine(folder, $"{name}-server.pem");
        KeyFile = Path.Combine(folder, $"{name}-server.key");
        File.WriteAllText(CaFile, ca.ExportCertificatePem() + "\n");
        File.WriteAllText(CertificateFile, server.ExportCertificatePem() + "\n");
        File.WriteAllText(KeyFile, serverKey.ExportPkcs8PrivateKeyPem() + "\n");
    }

    public string CaFile { get; }

    /// <summary>A client certificate issued by this CA, written as a password-protected PKCS#12 file.</summary>
    public void IssueClientPfx(string path, string password)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=defender-connector test client", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(_ca, now.AddDays(-1), now.AddDays(29), RandomNumberGenerator.GetBytes(12));
        using var withKey = issued.CopyWithPrivateKey(key);
        File.WriteAllBytes(path, withKey.Export(X509ContentType.Pkcs12, password));
    }

    public string CertificateFile { get; }

    public string KeyFile { get; }
}
