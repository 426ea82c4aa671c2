using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DefenderConnector.Host.Outputs.Network;

/// <summary>Reads the endpoint settings the syslog and RELP outputs share; loads the CA bundle and client certificate once.</summary>
internal static class NetworkEndpointReader
{
    public static readonly string[] Keys = ["host", "port", "tls", "serverName", "caFile", "clientCertificate", "clientKey", "clientCertificatePassword", "connectTimeout"];

    public static NetworkEndpointOptions? Read(SettingsSection section, int defaultTlsPort, int defaultPlainPort, bool defaultTls, string baseDirectory, Func<string, string?> environment)
    {
        var host = section.String("host");
        if (host is null && !section.Problems.Any(p => p.Setting == section.Name("host")))
        {
            section.Problem("host", "is required: the receiver's name or address.");
        }

        var tls = section.Bool("tls") ?? defaultTls;
        var port = section.Integer("port", 1, 65535) ?? (tls ? defaultTlsPort : defaultPlainPort);
        var serverName = section.String("serverName") ?? host;
        var timeout = section.Duration("connectTimeout", TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)) ?? TimeSpan.FromSeconds(10);
        var caFile = section.String("caFile");
        var certificateFile = section.String("clientCertificate");
        var keyFile = section.String("clientKey");
        var password = HostSecret.Resolve(section, "clientCertificatePassword", baseDirectory, environment);
        if (!tls && (caFile ?? certificateFile ?? keyFile) is not null)
        {
            section.Problem("tls", "is false, but caFile or clientCertificate is set: set tls to true or remove them.");
        }

        var cas = caFile is null ? null : LoadCas(section, caFile, baseDirectory);
        var certificate = certificateFile is null ? null : LoadClientCertificate(section, certificateFile, keyFile, password, baseDirectory);
        if (certificateFile is null && keyFile is not null)
        {
            section.Problem("clientKey", "is set without clientCertificate.");
        }

        return host is null ? null : new NetworkEndpointOptions(host, port, tls, serverName!, cas, certificate, timeout, caFile);
    }

    internal static X509Certificate2Collection? LoadCas(SettingsSection section, string caFile, string baseDirectory)
    {
        var full = Path.GetFullPath(caFile, baseDirectory);
        if (!File.Exists(full))
        {
            section.Problem("caFile", $"refers to {caFile}, which does not exist.");
            return null;
        }

        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPemFile(full);
        }
        catch (CryptographicException)
        {
            section.Problem("caFile", $"{caFile} is not a PEM file of certificates.");
            return null;
        }

        if (collection.Count == 0)
        {
            section.Problem("caFile", $"{caFile} holds no PEM certificate.");
            return null;
        }

        return collection;
    }

    internal static X509Certificate2? LoadClientCertificate(SettingsSection section, string certificateFile, string? keyFile, HostSecret? password, string baseDirectory)
    {
        var full = Path.GetFullPath(certificateFile, baseDirectory);
        if (!File.Exists(full))
        {
            section.Problem("clientCertificate", $"refers to {certificateFile}, which does not exist.");
            return null;
        }

        try
        {
            X509Certificate2 certificate;
            if (full.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || full.EndsWith(".p12", StringComparison.OrdinalIgnoreCase))
            {
                certificate = X509CertificateLoader.LoadPkcs12FromFile(full, password?.Value);
            }
            else
            {
                var key = keyFile is null ? full : Path.GetFullPath(keyFile, baseDirectory);
                certificate = password is null ? X509Certificate2.CreateFromPemFile(full, key) : X509Certificate2.CreateFromEncryptedPemFile(full, password.Value, key);
            }

            if (!certificate.HasPrivateKey)
            {
                section.Problem("clientCertificate", $"{certificateFile} holds no private key (give clientKey, or a .pfx).");
                return null;
            }

            // SslStream on Linux presents a PEM-loaded key reliably only from an exported PKCS#12.
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        }
        catch (CryptographicException)
        {
            section.Problem("clientCertificate", $"{certificateFile} could not be loaded with its key (wrong clientCertificatePassword, or the key does not match).");
            return null;
        }
    }
}
