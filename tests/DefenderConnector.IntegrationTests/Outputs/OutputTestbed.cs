using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DefenderConnector.Emulator.EventHubs;
using DefenderConnector.IntegrationTests.Support;
using DefenderConnector.Mapping;

namespace DefenderConnector.IntegrationTests.Outputs;

/// <summary>
/// An Event Hubs emulator loaded with Defender records (every seventh with a command line of several KB, so
/// events are longer than the 2,048 bytes many syslog paths cut at), a temp folder, and the host run as a
/// real process against settings whose <c>output</c> section each test supplies.
/// </summary>
internal sealed class OutputTestbed : IAsyncDisposable
{
    public const string Hub = "outputs";
    private const int RecordsPerMessage = 10;
    private readonly EventHubEmulator _emulator;
    private readonly string _key;

    private OutputTestbed(EventHubEmulator emulator, string key, int partitions, int messagesPerPartition)
    {
        _emulator = emulator;
        _key = key;
        Partitions = partitions;
        MessagesPerPartition = messagesPerPartition;
        Folder = Directory.CreateTempSubdirectory("dc-output-").FullName;
    }

    public string Folder { get; }

    public int Partitions { get; }

    public int MessagesPerPartition { get; }

    public int Total => Partitions * MessagesPerPartition * RecordsPerMessage;

    public Dictionary<string, string> Environment => new() { ["DC_OUTPUT_TEST_KEY"] = _key };

    public static async Task<OutputTestbed> StartAsync(int partitions, int messagesPerPartition)
    {
        var options = new EventHubEmulatorOptions { HubName = Hub, PartitionCount = partitions };
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        options.Policies["listen"] = key;
        var emulator = new EventHubEmulator(options);
        var bed = new OutputTestbed(emulator, key, partitions, messagesPerPartition);
        await emulator.StartAsync();
        for (var m = 0; m < messagesPerPartition; m++)
        {
            for (var p = 0; p < partitions; p++)
            {
                emulator.Publish(p.ToString(CultureInfo.InvariantCulture), Envelope(p, m));
            }
        }

        return bed;
    }

    /// <summary>Writes a settings file with this output section (JSON object text) and returns its path.</summary>
    public string WriteSettings(string name, string outputJson, string state = "state.db", int batchMessages = 10)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, $$"""
            {
              "eventHub": { "namespace": "127.0.0.1", "port": {{_emulator.Port}}, "transport": "amqp", "hubName": "{{Hub}}",
                            "sasPolicyName": "listen", "sasKey": "env:DC_OUTPUT_TEST_KEY", "batchMessages": {{batchMessages}} },
              "output": {{outputJson}},
              "state": { "path": "{{state}}" }
            }
            """);
        return path;
    }

    public Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        HostProcess.RunAsync(arguments, Environment, TimeSpan.FromMinutes(5), Folder);

    public HostProcess Start(params string[] arguments) => HostProcess.Start(arguments, Environment, Folder);

    /// <summary>Every event id the published records should produce.</summary>
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

    public static string Uid(string ocsfLine)
    {
        using var document = JsonDocument.Parse(ocsfLine);
        return document.RootElement.GetProperty("metadata").GetProperty("uid").GetString()!;
    }

    private static byte[] Envelope(int partition, int message)
    {
        var builder = new StringBuilder("{\"records\":[");
        for (var r = 0; r < RecordsPerMessage; r++)
        {
            if (r > 0)
            {
                builder.Append(',');
            }

            var command = (message * RecordsPerMessage + r) % 7 == 0
                ? "powershell.exe -EncodedCommand " + new string('A', 3000 + r * 100) + " é∑ \\\"quoted\\\""
                : $"cmd.exe /c echo {partition}-{message}-{r}";
            builder.Append(CultureInfo.InvariantCulture, $$"""{"time":"2026-11-23T08:00:00.0000000Z","tenantId":"t-out","operationName":"Publish","category":"AdvancedHunting-DeviceProcessEvents","properties":{"Timestamp":"2026-11-23T07:59:59.1234567Z","DeviceId":"dev-{{partition}}","DeviceName":"wks-{{partition}}.contoso.local","ActionType":"ProcessCreated","FileName":"cmd.exe","ProcessId":{{message * 10 + r}},"ProcessCommandLine":"{{command}}","ReportId":{{message}}}""").Append('}');
        }

        return Encoding.UTF8.GetBytes(builder.Append("]}").ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await _emulator.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A receiver still closing its file; the temp folder is cleaned by the system.
        }
    }
}
