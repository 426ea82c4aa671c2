using DefenderConnector.Emulator.EventHubs;

namespace DefenderConnector.IntegrationTests.Emulator;

/// <summary>Starts an emulator on a free loopback port with a random key for policy "listen".</summary>
internal static class TestEmulator
{
    public const string Policy = "listen";
    public const string Hub = "defender";

    public static async Task<(EventHubEmulator Emulator, string Key)> StartAsync(Action<EventHubEmulatorOptions>? configure = null)
    {
        string key = SasTokens.RandomKey();
        var options = new EventHubEmulatorOptions { HubName = Hub, PartitionCount = 4 };
        options.Policies[Policy] = key;
        options.ConsumerGroups.Add("archive");
        configure?.Invoke(options);
        var emulator = new EventHubEmulator(options);
        await emulator.StartAsync();
        return (emulator, key);
    }

    public static string ConsumerPath(string partition, string consumerGroup = "$Default") =>
        $"{Hub}/ConsumerGroups/{consumerGroup}/Partitions/{partition}";
}
