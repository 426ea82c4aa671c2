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

    /// <summary>
    /// Starts a TLS emulator on the service's AMQPS port 5671, for clients that always dial 5671 (Microsoft's
    /// Python client ignores the port in Endpoint=). Each run takes a random address in 127.0.0.0/8 so
    /// parallel runs do not clash; the generated certificate names that address.
    /// </summary>
    public static async Task<(EventHubEmulator Emulator, string Key)> StartOnAmqpsPortAsync(Action<EventHubEmulatorOptions>? configure = null)
    {
        for (int attempt = 1; ; attempt++)
        {
            string host = $"127.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(0, 256)}.{Random.Shared.Next(1, 255)}";
            try
            {
                return await StartAsync(o =>
                {
                    o.Host = host;
                    o.Port = 5671;
                    o.UseTls = true;
                    configure?.Invoke(o);
                });
            }
            catch (System.Net.Sockets.SocketException) when (attempt < 8)
            {
                // That address already has a listener on 5671 (another run): take another.
            }
        }
    }

    /// <summary>
    /// Waits (at most 30 s) until no receiver is attached: a client's detach reaches the emulator after the
    /// client's own close or pull has returned. Callers assert the count afterwards.
    /// </summary>
    public static async Task WaitForNoReceiversAsync(EventHubEmulator emulator)
    {
        for (var i = 0; i < 300 && emulator.ActiveReceiverCount != 0; i++)
        {
            await Task.Delay(100);
        }
    }

    public static string ConsumerPath(string partition, string consumerGroup = "$Default") =>
        $"{Hub}/ConsumerGroups/{consumerGroup}/Partitions/{partition}";
}
