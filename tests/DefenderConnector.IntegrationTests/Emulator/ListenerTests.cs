using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Amqp;
using Amqp.Sasl;
using DefenderConnector.Emulator.EventHubs;

namespace DefenderConnector.IntegrationTests.Emulator;

public sealed class ListenerTests
{
    // AMQPNetLite's listener asks a closed provider for the next transport again as soon as the last call
    // fails; a provider that failed would keep a core busy for as long as the process lives.
    [Fact]
    public void StoppedProviderParksTheListenerInsteadOfFailingIt()
    {
        var provider = new LoopbackTransportProvider(IPAddress.Loopback, 0, certificate: null);
        provider.Dispose();

        var next = provider.CreateAsync(new Address("amqp://127.0.0.1"));

        Assert.False(next.IsCompleted);
    }

    [Fact]
    public async Task SilentSocketDoesNotBlockOtherClients()
    {
        var (emulator, key) = await TestEmulator.StartAsync();
        await using var _ = emulator;
        using var silent = new TcpClient();
        await silent.ConnectAsync("127.0.0.1", emulator.Port);

        await using var client = await EmulatorTestClient.ConnectAsync(emulator).WaitAsync(EmulatorTestClient.Wait);
        await client.AuthorizeAsync(TestEmulator.Hub, TestEmulator.Policy, key);

        Assert.True(await client.OpenReceiver(TestEmulator.ConsumerPath("0")).Accepted());
    }

    [Fact]
    public async Task SilentTlsProbeDoesNotBlockOtherClients()
    {
        var (emulator, key) = await TestEmulator.StartAsync(o => o.UseTls = true);
        await using var _ = emulator;
        using var probe = new TcpClient();
        await probe.ConnectAsync("127.0.0.1", emulator.Port);
        await using var probeTls = new SslStream(probe.GetStream(), false, (_, certificate, _, _) => certificate is not null);
        await probeTls.AuthenticateAsClientAsync("localhost");

        var factory = new ConnectionFactory();
        factory.SASL.Profile = SaslProfile.Anonymous;
        factory.SSL.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && certificate.GetCertHashString() == emulator.Certificate!.GetCertHashString();
        var connection = await factory.CreateAsync(new Address("localhost", emulator.Port, null, null, "/", "amqps")).WaitAsync(EmulatorTestClient.Wait);
        await using var client = EmulatorTestClient.Wrap(connection, emulator);

        await client.AuthorizeAsync(TestEmulator.Hub, TestEmulator.Policy, key);
        Assert.True(await client.OpenReceiver(TestEmulator.ConsumerPath("0")).Accepted());
    }

    [Fact]
    public async Task ConnectionStringNamesThePortPolicyAndHub()
    {
        var (emulator, key) = await TestEmulator.StartAsync();
        await using var _ = emulator;

        Assert.Equal($"Endpoint=sb://localhost:{emulator.Port};SharedAccessKeyName=listen;SharedAccessKey={key};EntityPath=defender;UseDevelopmentEmulator=true",
            emulator.GetConnectionString(TestEmulator.Policy));
        Assert.DoesNotContain("UseDevelopmentEmulator", emulator.GetConnectionString(TestEmulator.Policy, useDevelopmentEmulator: false));
        Assert.Throws<ArgumentException>(() => emulator.GetConnectionString("unknown"));
    }
}
