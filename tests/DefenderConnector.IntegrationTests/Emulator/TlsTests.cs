using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Amqp;
using Amqp.Sasl;
using DefenderConnector.Emulator.EventHubs;

namespace DefenderConnector.IntegrationTests.Emulator;

public sealed class TlsTests
{
    [Fact]
    public async Task ClientTrustingTheGeneratedCertificateConnects()
    {
        var (emulator, key) = await TestEmulator.StartAsync(o => o.UseTls = true);
        await using var _ = emulator;
        string pem = Path.Combine(Path.GetTempPath(), $"emulator-{Guid.NewGuid():N}.pem");
        EmulatorCertificate.WritePublicPem(emulator.Certificate!, pem);
        using var trusted = X509Certificate2.CreateFromPem(File.ReadAllText(pem));
        File.Delete(pem);

        var factory = new ConnectionFactory();
        factory.SASL.Profile = SaslProfile.Anonymous;
        factory.SSL.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
        {
            if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) { return false; }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(trusted);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
        };
        var connection = await factory.CreateAsync(new Address("localhost", emulator.Port, null, null, "/", "amqps"));
        await using var client = EmulatorTestClient.Wrap(connection, emulator);

        await client.AuthorizeAsync(TestEmulator.Hub, TestEmulator.Policy, key);
        var reply = await client.ReadAsync("com.microsoft:eventhub", TestEmulator.Hub);

        Assert.Equal(200, EmulatorTestClient.StatusCode(reply));
    }

    [Fact]
    public async Task ClientWithDefaultTrustIsRefused()
    {
        var (emulator, _) = await TestEmulator.StartAsync(o => o.UseTls = true);
        await using var __ = emulator;

        var factory = new ConnectionFactory();
        factory.SASL.Profile = SaslProfile.Anonymous;

        await Assert.ThrowsAnyAsync<System.Security.Authentication.AuthenticationException>(
            () => factory.CreateAsync(new Address("localhost", emulator.Port, null, null, "/", "amqps")));
    }
}
