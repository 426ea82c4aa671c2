using System.Text.Json;
using System.Text.Json.Nodes;
using DefenderConnector.Abstractions;
using DefenderConnector.Checkpoints;
using DefenderConnector.Mapping;

namespace DefenderConnector.IntegrationTests.EventHub;

/// <summary>
/// The plugin as a host loads it: settings JSON (the SAS key only through <c>env:</c>), a collecting
/// sink, a collecting logger and a state database in a temp folder; disposed with the folder.
/// </summary>
internal sealed class ConnectorHarness : IAsyncDisposable
{
    public const string KeyVariable = "DC_TEST_EVENTHUB_KEY";

    // Keys hold '+' and '/', which the default encoder escapes; a search must see them as written.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly string _key;

    private ConnectorHarness(string directory, string key, JsonObject eventHub)
    {
        Directory = directory;
        _key = key;
        EventHub = eventHub;
        Namespace = eventHub["namespace"]?.GetValue<string>().ToLowerInvariant() ?? "localhost";
        Hub = eventHub["hubName"]?.GetValue<string>() ?? Emulator.TestEmulator.Hub;
    }

    public string Directory { get; }

    public JsonObject EventHub { get; }

    public string Namespace { get; }

    public string Hub { get; }

    public CollectingSink Sink { get; } = new();

    public CollectingLoggerFactory Logs { get; } = new();

    public IConnector? Connector { get; private set; }

    /// <summary>The settings' output section, when a test sets one (default: OCSF).</summary>
    public JsonObject? Output { get; set; }

    public string StatePath => Path.Combine(Directory, "state", "connector.db");

    /// <summary>Settings for a plain-AMQP emulator on loopback; <paramref name="configure"/> edits the eventHub section.</summary>
    public static ConnectorHarness ForEmulator(int port, string key, Action<JsonObject>? configure = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "dc-eh-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        var eventHub = new JsonObject
        {
            ["namespace"] = "127.0.0.1",
            ["transport"] = "amqp",
            ["port"] = port,
            ["hubName"] = Emulator.TestEmulator.Hub,
            ["sasPolicyName"] = Emulator.TestEmulator.Policy,
            ["sasKey"] = "env:" + KeyVariable,
            ["initialPosition"] = "earliest",
            ["operationTimeout"] = "30s",
        };
        configure?.Invoke(eventHub);
        return new ConnectorHarness(directory, key, eventHub);
    }

    public IConnector Create()
    {
        var root = new JsonObject { ["eventHub"] = EventHub.DeepClone(), ["state"] = new JsonObject { ["path"] = "state/connector.db" } };
        if (Output is not null)
        {
            root["output"] = Output.DeepClone();
        }

        var json = root.ToJsonString();
        var settings = new ConnectorSettings(json, Directory, name => name == KeyVariable ? _key : null);
        Connector = new DefenderConnectorPlugin().Create(settings, new ConnectorContext(Sink, Logs, TimeProvider.System));
        return Connector;
    }

    public Task<PullSummary> PullAsync() => (Connector ?? Create()).PullAsync("eventhub", TestTimeouts.Token());

    public Task<ConnectivityReport> ProbeAsync() => (Connector ?? Create()).TestConnectivityAsync("eventhub", TestTimeouts.Token());

    /// <summary>The uid every record of a message gets (namespace, hub, partition, sequence number, record index).</summary>
    public string Uid(string partition, long sequenceNumber, int recordIndex) =>
        EventUid.ForEventHubRecord(Namespace, Hub, partition, sequenceNumber, recordIndex);

    /// <summary>Parses every delivered event (each must be valid OCSF 1.8.0 with metadata.uid) and groups them by uid.</summary>
    public Dictionary<string, List<string>> DeliveredByUid()
    {
        var byUid = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var bytes in Sink.Events)
        {
            using var document = JsonDocument.Parse(bytes);
            var uid = document.RootElement.GetProperty("metadata").GetProperty("uid").GetString();
            Assert.False(string.IsNullOrEmpty(uid));
            if (!byUid.TryGetValue(uid!, out var copies))
            {
                var errors = DefenderConnector.Tests.Ocsf.OcsfValidator.Shared.Validate(bytes);
                Assert.True(errors.Count == 0, $"Invalid OCSF: {string.Join("; ", errors)}");
                byUid[uid!] = copies = [];
            }

            copies.Add(System.Text.Encoding.UTF8.GetString(bytes));
        }

        return byUid;
    }

    public async Task<Checkpoint?> CheckpointAsync(string partition)
    {
        await using var store = SqliteStateStore.Open(StatePath);
        return await store.GetCheckpointAsync($"{Namespace}/{Hub}/$Default".ToLowerInvariant(), partition, CancellationToken.None);
    }

    public async Task<IReadOnlyList<DeadLetter>> DeadLettersAsync()
    {
        await using var store = SqliteStateStore.Open(StatePath);
        return await store.ReadDeadLettersAsync(100, CancellationToken.None);
    }

    /// <summary>Fails when the key appears in any log line, the summary, or whatever else the test passes.</summary>
    public void AssertNoSecret(params object?[] also)
    {
        foreach (var line in Logs.Lines)
        {
            Assert.DoesNotContain(_key, line, StringComparison.Ordinal);
        }

        foreach (var item in also)
        {
            var text = item is null ? string.Empty : JsonSerializer.Serialize(item, Relaxed);
            Assert.DoesNotContain(_key, text, StringComparison.Ordinal);
            Assert.DoesNotContain(System.Net.WebUtility.UrlEncode(_key), text, StringComparison.Ordinal);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Connector is not null)
        {
            await Connector.DisposeAsync();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere; the temp folder is cleaned by the OS.
        }
    }
}
