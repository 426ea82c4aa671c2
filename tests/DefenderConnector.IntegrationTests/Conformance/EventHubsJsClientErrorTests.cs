using System.Text.Json;
using DefenderConnector.IntegrationTests.Emulator;

namespace DefenderConnector.IntegrationTests.Conformance;

/// <summary>The emulator's refusals reach Microsoft's JavaScript client as the error codes the service produces.</summary>
public sealed class EventHubsJsClientErrorTests
{
    [Fact]
    public async Task WrongKeyUnknownGroupAndOwnerLevelTakeoverMapToTheServiceErrorCodes()
    {
        string tools = NodeScriptRunner.ToolsDirectory();
        var (emulator, key) = await TestEmulator.StartAsync();
        await using var _ = emulator;
        string connectionString = emulator.GetConnectionString(TestEmulator.Policy);

        string output = await NodeScriptRunner.RunAsync("eventhubs-errors.mjs", new Dictionary<string, string>
        {
            ["EVENTHUBS_CONNECTION_STRING"] = connectionString,
            ["EVENTHUBS_BAD_KEY_CONNECTION_STRING"] = connectionString.Replace(key, SasTokens.RandomKey(), StringComparison.Ordinal),
            ["EVENTHUBS_TOOLS_DIR"] = tools,
            ["EVENTHUBS_TIMEOUT_MS"] = "30000",
        }, TimeSpan.FromMinutes(3));

        using var result = JsonDocument.Parse(output);
        var root = result.RootElement;
        Assert.False(root.TryGetProperty("unexpected", out var unexpected), unexpected.ToString());
        Assert.Equal("UnauthorizedError", root.GetProperty("badKey").GetString());
        Assert.Equal("MessagingEntityNotFoundError", root.GetProperty("unknownConsumerGroup").GetString());
        Assert.Equal("ReceiverDisconnectedError", root.GetProperty("ownerLevelTakeover").GetString());
    }
}
