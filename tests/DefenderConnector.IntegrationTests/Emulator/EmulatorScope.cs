using DefenderConnector.Emulator.EventHubs;

namespace DefenderConnector.IntegrationTests.Emulator;

/// <summary>A started emulator with one connected client, disposed together.</summary>
internal sealed class EmulatorScope(EventHubEmulator emulator, string key, EmulatorTestClient client) : IAsyncDisposable
{
    public EventHubEmulator Emulator { get; } = emulator;

    public string Key { get; } = key;

    public EmulatorTestClient Client { get; } = client;

    /// <summary>Starts an emulator and connects; with <paramref name="authorize"/> puts a hub-wide token first.</summary>
    public static async Task<EmulatorScope> StartAsync(bool authorize = true, Action<EventHubEmulatorOptions>? configure = null)
    {
        var (emulator, key) = await TestEmulator.StartAsync(configure);
        var client = await EmulatorTestClient.ConnectAsync(emulator);
        if (authorize) { await client.AuthorizeAsync(TestEmulator.Hub, TestEmulator.Policy, key); }

        return new EmulatorScope(emulator, key, client);
    }

    public async ValueTask DisposeAsync()
    {
        await this.Client.DisposeAsync();
        await this.Emulator.DisposeAsync();
    }
}
