using Amqp;
using Amqp.Sasl;
using Amqp.Types;

namespace DefenderConnector.IntegrationTests.Emulator;

public sealed class SaslTests
{
    /// <summary>The mechanism the .NET Event Hubs client announces: no credentials, CBS afterwards.</summary>
    sealed class MssbCbsClientProfile() : SaslProfile(new Symbol("MSSBCBS"))
    {
        protected override ITransport UpgradeTransport(ITransport transport) => transport;

        protected override DescribedList GetStartCommand(string hostname) =>
            new SaslInit { Mechanism = "MSSBCBS", HostName = hostname };

        protected override DescribedList OnCommand(DescribedList command) => null!;
    }

    [Fact]
    public async Task MssbCbsAndExternalMechanismsAreAcceptedAndThenUseCbs()
    {
        var (emulator, key) = await TestEmulator.StartAsync();
        await using var _ = emulator;
        foreach (var profile in new SaslProfile[] { new MssbCbsClientProfile(), SaslProfile.External })
        {
            var factory = new ConnectionFactory();
            factory.SASL.Profile = profile;
            var connection = await factory.CreateAsync(new Address("127.0.0.1", emulator.Port, null, null, "/", "amqp"));
            await using var client = EmulatorTestClient.Wrap(connection, emulator);

            await client.AuthorizeAsync(TestEmulator.Hub, TestEmulator.Policy, key);
            Assert.True(await client.OpenReceiver(TestEmulator.ConsumerPath("0")).Accepted());
        }
    }
}
