using DefenderConnector.IntegrationTests.Support;

namespace DefenderConnector.IntegrationTests.ScaleOut;

/// <summary>Settings of one connector instance reading a backlog hub with the Blob checkpoint store on Azurite; keys come from the environment.</summary>
internal static class SharedStoreSettings
{
    public const string Container = "defender-checkpoints";
    public const string EventHubKeyVariable = "DC_SCALE_EVENTHUB_KEY";
    public const string StorageVariable = "DC_SCALE_STORAGE";

    /// <summary>Writes settings.json in <paramref name="folder"/> (events to events.jsonl there) and returns the environment holding the secrets.</summary>
    public static async Task<Dictionary<string, string>> WriteAsync(string folder, EventHubBacklog backlog, Azurite azurite, string eventHubExtras, string balancing)
    {
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "settings.json"), $$"""
            {
              "eventHub": { "namespace": "127.0.0.1", "port": {{backlog.Emulator.Port}}, "transport": "amqp", "hubName": "{{backlog.Hub}}",
                            "sasPolicyName": "listen", "sasKey": "env:{{EventHubKeyVariable}}", {{eventHubExtras}} },
              "checkpointStore": { "type": "blob", "connectionString": "env:{{StorageVariable}}", "container": "{{Container}}",
                                   "loadBalancing": { {{balancing}} } },
              "output": { "path": "events.jsonl" },
              "state": { "path": "state.db" }
            }
            """);
        return new Dictionary<string, string> { [EventHubKeyVariable] = backlog.Key, [StorageVariable] = azurite.ConnectionString };
    }

    /// <summary>The checkpoint stream of the backlog's hub, as blob names spell it.</summary>
    public static string Stream(EventHubBacklog backlog) => $"127.0.0.1/{backlog.Hub}/$default";
}
