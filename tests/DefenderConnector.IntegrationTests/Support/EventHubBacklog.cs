using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DefenderConnector.Emulator.EventHubs;
using DefenderConnector.Mapping;

namespace DefenderConnector.IntegrationTests.Support;

/// <summary>
/// An Event Hubs emulator with a generated listen key and a backlog of Defender envelopes already published
/// (<c>RecordsPerMessage</c> DeviceProcessEvents records per message, on every partition), for tests that run
/// the reference host as a process against it. Also writes the host's settings file and lists the
/// <c>metadata.uid</c> of every published record.
/// </summary>
internal sealed class EventHubBacklog : IAsyncDisposable
{
    private EventHubBacklog(EventHubEmulator emulator, string key, string hub, int partitions, int messagesPerPartition, int recordsPerMessage)
    {
        Emulator = emulator;
        Key = key;
        Hub = hub;
        Partitions = partitions;
        MessagesPerPartition = messagesPerPartition;
        RecordsPerMessage = recordsPerMessage;
    }

    public EventHubEmulator Emulator { get; }

    /// <summary>The key of the emulator's <c>listen</c> policy, generated for this backlog.</summary>
    public string Key { get; }

    public string Hub { get; }

    public int Partitions { get; }

    public int MessagesPerPartition { get; }

    public int RecordsPerMessage { get; }

    public int Total => Partitions * MessagesPerPartition * RecordsPerMessage;

    public static async Task<EventHubBacklog> StartAsync(string hub, int partitions, int messagesPerPartition, int recordsPerMessage, string tenantId)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var options = new EventHubEmulatorOptions { HubName = hub, PartitionCount = partitions };
        options.Policies["listen"] = key;
        var emulator = new EventHubEmulator(options);
        await emulator.StartAsync();
        for (var m = 0; m < messagesPerPartition; m++)
        {
            for (var p = 0; p < partitions; p++)
            {
                emulator.Publish(p.ToString(CultureInfo.InvariantCulture), Envelope(tenantId, p, m, recordsPerMessage));
            }
        }

        return new EventHubBacklog(emulator, key, hub, partitions, messagesPerPartition, recordsPerMessage);
    }

    /// <summary>
    /// Writes the host's settings for this hub over AMQP, the SAS key read from <paramref name="keyVariable"/>,
    /// <paramref name="eventHubExtras"/> (JSON members) added to <c>eventHub</c>, and returns the environment that holds the key.
    /// </summary>
    public async Task<Dictionary<string, string>> WriteSettingsAsync(string path, string keyVariable, string eventHubExtras, string outputPath = "events.jsonl")
    {
        await File.WriteAllTextAsync(path, $$"""
            {
              "eventHub": { "namespace": "127.0.0.1", "port": {{Emulator.Port}}, "transport": "amqp", "hubName": "{{Hub}}",
                            "sasPolicyName": "listen", "sasKey": "env:{{keyVariable}}", {{eventHubExtras}} },
              "output": { "path": "{{outputPath}}" },
              "state": { "path": "state.db" }
            }
            """);
        return new Dictionary<string, string> { [keyVariable] = Key };
    }

    /// <summary>The <c>metadata.uid</c> of every published record.</summary>
    public HashSet<string> ExpectedUids()
    {
        var expected = new HashSet<string>(StringComparer.Ordinal);
        for (var p = 0; p < Partitions; p++)
        {
            for (var seq = 0; seq < MessagesPerPartition; seq++)
            {
                for (var r = 0; r < RecordsPerMessage; r++)
                {
                    expected.Add(EventUid.ForEventHubRecord("127.0.0.1", Hub, p.ToString(CultureInfo.InvariantCulture), seq, r));
                }
            }
        }

        return expected;
    }

    /// <summary>Lines in a file another process is writing (0 while it does not exist).</summary>
    public static int CountLines(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var buffer = new byte[1 << 16];
        var count = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            count += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return count;
    }

    public ValueTask DisposeAsync() => Emulator.DisposeAsync();

    private static byte[] Envelope(string tenantId, int partition, int message, int recordsPerMessage)
    {
        var builder = new StringBuilder("{\"records\":[");
        for (var r = 0; r < recordsPerMessage; r++)
        {
            builder.Append(r > 0 ? "," : string.Empty).Append(CultureInfo.InvariantCulture, $$"""{"time":"2026-11-23T08:00:00.0000000Z","tenantId":"{{tenantId}}","operationName":"Publish","category":"AdvancedHunting-DeviceProcessEvents","properties":{"Timestamp":"2026-11-23T07:59:59.1234567Z","DeviceId":"dev-{{partition}}","DeviceName":"wks-{{partition}}.contoso.local","ActionType":"ProcessCreated","FileName":"cmd.exe","ProcessId":{{(message * 10) + r}},"ProcessCommandLine":"cmd.exe /c echo {{partition}}-{{message}}-{{r}}","ReportId":{{message}}}""").Append('}');
        }

        return Encoding.UTF8.GetBytes(builder.Append("]}").ToString());
    }
}
