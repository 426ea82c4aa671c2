using System.Net.Sockets;

namespace DefenderConnector.IntegrationTests.Emulator;

public sealed class ListenerTests
{
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
