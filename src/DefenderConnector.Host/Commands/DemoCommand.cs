using System.CommandLine;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using DefenderConnector.Abstractions;
using DefenderConnector.Emulator.EventHubs;
using Microsoft.Extensions.Logging;

namespace DefenderConnector.Host.Commands;

/// <summary>
/// <c>demo</c>: the whole path with nothing to set up. Starts the Event Hubs emulator in-process on a
/// free port, publishes the bundled sample Defender records (and two malformed messages, to show
/// dead-lettering), loads the plugin through its manifest like any host, runs one pull into a
/// JSON-lines file and prints a few events and a summary.
/// </summary>
internal static class DemoCommand
{
    private const string Policy = "demo-listen";
    private const string KeyVariable = "DEFENDER_DEMO_SAS_KEY";

    public static Command Create()
    {
        var copies = new Option<int>("--copies") { Description = "Publish the sample records this many times (for a bigger backlog).", DefaultValueFactory = _ => 1 };
        var directory = new Option<DirectoryInfo?>("--output-dir") { Description = "Folder for the events file, settings and state (default: a new folder under the system temp folder)." };
        var plugin = CommonOptions.Plugin();
        var verbose = CommonOptions.Verbose();
        var command = new Command("demo", "Run the connector end to end against an in-process Event Hubs emulator loaded with sample Defender XDR records. No Azure account needed.")
        {
            copies, directory, plugin, verbose,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.GuardAsync(() =>
            RunAsync(Math.Max(1, result.GetValue(copies)), result.GetValue(directory)?.FullName, result.GetValue(plugin)?.FullName, result.GetValue(verbose), cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(int copies, string? outputDirectory, string? pluginDirectory, bool verbose, CancellationToken cancellationToken)
    {
        var folder = outputDirectory ?? Path.Combine(Path.GetTempPath(), $"defender-connector-demo-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
        Directory.CreateDirectory(folder);
        var samples = Path.Combine(AppContext.BaseDirectory, "samples", "defender-records.jsonl");
        var records = await File.ReadAllLinesAsync(samples, cancellationToken).ConfigureAwait(false);

        // A fresh key per run, handed to the plugin through an env: reference: it is never written anywhere.
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var options = new EventHubEmulatorOptions { HubName = "defender-demo", PartitionCount = 4 };
        options.Policies[Policy] = key;
        await using var emulator = new EventHubEmulator(options);
        await emulator.StartAsync(cancellationToken).ConfigureAwait(false);
        var messages = 0;
        for (var i = 0; i < copies; i++)
        {
            messages += emulator.LoadRecords(records, recordsPerMessage: 5);
        }

        emulator.Publish("0", "this body is not JSON"u8.ToArray());
        emulator.Publish("1", """{"value":"a JSON object without a records array"}"""u8.ToArray());
        Console.WriteLine($"Emulator: amqp://127.0.0.1:{emulator.Port}, hub {emulator.HubName}, {emulator.PartitionIds.Count} partitions, {records.Length * copies} sample records in {messages} messages plus 2 malformed messages.");

        var settingsPath = Path.Combine(folder, "settings.json");
        await File.WriteAllTextAsync(settingsPath, $$"""
            {
              "eventHub": {
                "namespace": "127.0.0.1",
                "port": {{emulator.Port}},
                "transport": "amqp",
                "hubName": "{{emulator.HubName}}",
                "sasPolicyName": "{{Policy}}",
                "sasKey": "env:{{KeyVariable}}",
                "initialPosition": "earliest"
              },
              "output": { "format": "ocsf", "path": "events.jsonl" },
              "state": { "path": "state/defender-connector.db" }
            }
            """, cancellationToken).ConfigureAwait(false);
        var settings = new ConnectorSettings(await File.ReadAllTextAsync(settingsPath, cancellationToken).ConfigureAwait(false), folder, name => name == KeyVariable ? key : Environment.GetEnvironmentVariable(name));

        using var loggerFactory = Logging.Create(verbose);
        var clock = Stopwatch.StartNew();
        var runtime = ConnectorRuntime.Start(pluginDirectory, settings, null, loggerFactory, TimeProvider.System);
        await using (runtime.ConfigureAwait(false))
        {
            Console.WriteLine($"Plugin: {runtime.Plugin.Manifest.Name} {runtime.Plugin.Manifest.Version}, loaded from {runtime.Plugin.Directory}");
            var summary = await runtime.Connector.PullAsync("eventhub", cancellationToken).ConfigureAwait(false);
            clock.Stop();
            await ShowEventsAsync(runtime.Sink.Path, cancellationToken).ConfigureAwait(false);
            Console.WriteLine();
            ConsoleReports.WriteSummary(Console.Out, summary);
            Console.WriteLine();
            Console.WriteLine($"Events written to {runtime.Sink.Path}");
            Console.WriteLine($"Settings used: {settingsPath} (the key came from an env: reference and is not stored)");
            Console.WriteLine($"State (checkpoints, dead letters): {Path.Combine(folder, "state", "defender-connector.db")}");
            return summary.StopReason == "Failed" ? ExitCodes.PullFailed : ExitCodes.Success;
        }
    }

    private static async Task ShowEventsAsync(string path, CancellationToken cancellationToken)
    {
        var shown = new HashSet<string>(StringComparer.Ordinal);
        var pretty = new JsonSerializerOptions { WriteIndented = true };
        await foreach (var line in File.ReadLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            using var document = JsonDocument.Parse(line);
            var className = document.RootElement.TryGetProperty("class_name", out var c) ? c.GetString() ?? "?" : "?";
            if (!shown.Add(className))
            {
                continue;
            }

            Console.WriteLine();
            Console.WriteLine($"--- {className} ---");
            Console.WriteLine(JsonSerializer.Serialize(document.RootElement, pretty));
            if (shown.Count == 3)
            {
                break;
            }
        }
    }
}
