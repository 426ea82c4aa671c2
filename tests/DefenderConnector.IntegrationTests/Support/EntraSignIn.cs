using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core.Pipeline;
using Azure.Identity;
using DefenderConnector.Emulator.Http;

namespace DefenderConnector.IntegrationTests.Support;

/// <summary>
/// Entra sign-in for Event Hubs tests: the loopback Entra token stand-in (Kestrel over HTTPS, the one the
/// Graph tests use) with one tenant and one app holding a generated client secret and a generated client
/// certificate. Pass <see cref="Directory"/> to <c>EventHubEmulatorOptions.EntraDirectory</c> so the
/// emulator's <c>$cbs</c> accepts the tokens it issues; grant the app "Azure Event Hubs Data Receiver" with
/// <see cref="GrantReceiver"/>. <see cref="SecretCredential"/> and <see cref="CertificateCredential"/> are
/// Azure.Identity credentials pointed at the stand-in (authority host, TLS trust of its certificate,
/// instance discovery off, no retries); product tests can use <see cref="AuthorityHost"/>,
/// <see cref="TenantId"/>, <see cref="ClientId"/>, <see cref="Secret"/>, <see cref="WriteCertificatePem"/> and
/// <see cref="WriteTrustedCertificatePem"/> to configure the connector the same way. Nothing is written
/// to disk unless asked; the secret never leaves the process.
/// </summary>
internal sealed class EntraSignIn : IAsyncDisposable
{
    public const string ReceiverRole = "Azure Event Hubs Data Receiver";

    EntraSignIn(DefenderApiEmulator standIn)
    {
        this.StandIn = standIn;
        this.TenantId = Guid.NewGuid().ToString();
        this.ClientId = Guid.NewGuid().ToString();
        this.Secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));
        this.ClientCertificate = CreateClientCertificate();
        this.App = standIn.Directory.AddApp(this.TenantId, this.ClientId)
            .AddSecret(this.Secret, DateTimeOffset.UtcNow.AddYears(1))
            .AddCertificate(this.ClientCertificate);
    }

    public DefenderApiEmulator StandIn { get; }

    public EntraDirectory Directory => this.StandIn.Directory;

    /// <summary>The stand-in's authority host, e.g. https://127.0.0.1:port (Azure.Identity's AuthorityHost).</summary>
    public Uri AuthorityHost => new(this.StandIn.AuthorityHost);

    public string TenantId { get; }

    public string ClientId { get; }

    public string Secret { get; }

    /// <summary>The app's certificate, with its private key (registered with the app by its public part).</summary>
    public X509Certificate2 ClientCertificate { get; }

    public EntraApp App { get; }

    public static async Task<EntraSignIn> StartAsync() => new(await DefenderApiEmulator.StartAsync());

    public EntraSignIn GrantReceiver()
    {
        this.App.Grant(ReceiverRole);
        return this;
    }

    /// <summary>Makes the stand-in issue tokens as if it were <paramref name="shift"/> away from now (negative: already expired tokens).</summary>
    public void ShiftTokenClock(TimeSpan shift) => this.StandIn.Clock = () => DateTimeOffset.UtcNow + shift;

    public ClientSecretCredential SecretCredential(string? secret = null) =>
        new(this.TenantId, this.ClientId, secret ?? this.Secret, this.Options(new ClientSecretCredentialOptions()));

    public ClientCertificateCredential CertificateCredential() =>
        new(this.TenantId, this.ClientId, this.ClientCertificate, this.Options(new ClientCertificateCredentialOptions()));

    /// <summary>The stand-in's TLS certificate (public part) as PEM, for a trusted-certificate setting.</summary>
    public void WriteTrustedCertificatePem(string path) => this.StandIn.WriteCertificatePem(path);

    /// <summary>The client certificate with its private key as PEM, for a certificate-path setting.</summary>
    public void WriteCertificatePem(string path)
    {
        using var rsa = this.ClientCertificate.GetRSAPrivateKey()!;
        File.WriteAllText(path, this.ClientCertificate.ExportCertificatePem() + "\n" + rsa.ExportPkcs8PrivateKeyPem() + "\n");
    }

    public async ValueTask DisposeAsync()
    {
        await this.StandIn.DisposeAsync();
        this.ClientCertificate.Dispose();
    }

    T Options<T>(T options) where T : TokenCredentialOptions
    {
        options.AuthorityHost = this.AuthorityHost;
        options.Retry.MaxRetries = 0;
        var trusted = X509CertificateLoader.LoadCertificate(this.StandIn.Certificate.RawData);
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
                certificate is not null && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None &&
                certificate.RawData.AsSpan().SequenceEqual(trusted.RawData),
        };
        options.Transport = new HttpClientTransport(handler);
        switch (options)
        {
            case ClientSecretCredentialOptions secret: secret.DisableInstanceDiscovery = true; break;
            case ClientCertificateCredentialOptions certificate: certificate.DisableInstanceDiscovery = true; break;
        }

        return options;
    }

    static X509Certificate2 CreateClientCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=defender-connector-eventhubs-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }
}
