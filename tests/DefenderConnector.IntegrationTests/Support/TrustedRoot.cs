using System.Security.Cryptography.X509Certificates;

namespace DefenderConnector.IntegrationTests.Support;

/// <summary>
/// Trusts a test certificate (public part) as a root for this user while the scope lives. Microsoft's Event
/// Hubs SDK does not apply <c>EventHubConnectionOptions.CertificateValidationCallback</c> to WebSocket
/// connections (ClientWebSocket validates against the system trust), so a test of AMQP over WebSockets
/// against the emulator's generated certificate needs the certificate trusted; it is removed on dispose.
/// On Linux, .NET keeps this store in the user's profile and uses it only for .NET's own chain building.
/// </summary>
internal sealed class TrustedRoot : IDisposable
{
    readonly X509Certificate2 certificate;

    TrustedRoot(X509Certificate2 certificate) => this.certificate = certificate;

    public static TrustedRoot Add(X509Certificate2 certificate)
    {
        var publicPart = X509CertificateLoader.LoadCertificate(certificate.RawData);
        using var store = new X509Store(StoreName.Root, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadWrite);
        store.Add(publicPart);
        return new TrustedRoot(publicPart);
    }

    public void Dispose()
    {
        using var store = new X509Store(StoreName.Root, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadWrite);
        store.Remove(this.certificate);
        this.certificate.Dispose();
    }
}
