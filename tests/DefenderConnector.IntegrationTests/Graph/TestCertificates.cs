using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DefenderConnector.IntegrationTests.Graph;

/// <summary>App credentials generated per test: never committed, never reused.</summary>
internal static class TestCertificates
{
    public static X509Certificate2 CreateAppCertificate(string subject = "CN=defender-connector-test-app")
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }

    public static void WritePfx(X509Certificate2 certificate, string path, string password) =>
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));

    public static void WritePem(X509Certificate2 certificate, string path)
    {
        using var rsa = certificate.GetRSAPrivateKey()!;
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n" + rsa.ExportPkcs8PrivateKeyPem() + "\n");
    }
}
