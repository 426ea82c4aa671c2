using System.Security.Cryptography.X509Certificates;
using DefenderConnector.Configuration;

namespace DefenderConnector.Sources.Graph;

/// <summary>Loads the app's certificate with its private key from a PFX/P12 or PEM file.</summary>
internal static class ClientCertificateLoader
{
    public static X509Certificate2 Load(string path, Secret? password)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".pfx" or ".p12")
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password?.Value, X509KeyStorageFlags.EphemeralKeySet);
        }

        // PEM: one file holding the CERTIFICATE and the (possibly encrypted) PRIVATE KEY blocks.
        var text = File.ReadAllText(path);
        var certificate = password is null
            ? X509Certificate2.CreateFromPem(text, text)
            : X509Certificate2.CreateFromEncryptedPem(text, text, password.Value);
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new System.Security.Cryptography.CryptographicException($"{Path.GetFileName(path)} holds no private key.");
        }

        return certificate;
    }
}
