using Amqp;
using Amqp.Sasl;

namespace DefenderConnector.IntegrationTests.Emulator;

public sealed class SaslTests
{
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
