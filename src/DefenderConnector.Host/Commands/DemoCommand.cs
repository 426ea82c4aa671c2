using System.CommandLine;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using DefenderConnector.Abstractions;
using DefenderConnector.Emulator.EventHubs;
using Microsoft.Extensions.Logging;

namespace DefenderConnector.Host.Commands;

/// <summary>
/// <c>demo</c>: the whole product with nothing to set up. Starts the Event Hubs emulator in-process on a
/// free port and publishes the bundled sample Defender records (and two malformed messages, to show
/// dead-lettering); starts the HTTPS Entra/Graph stand-in with the bundled sample incidents and alerts;
/// loads the plugin through its manifest like any host, pulls both sources into one JSON-lines file and
/// prints an event of each class and both summaries.
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
        var command = new Command("demo", "Run the connector end to end against in-process stand-ins: an Event Hubs emulator with sample Defender XDR records and a Graph Security stand-in with sample incidents and alerts. No Azure account needed.")
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

        var graphSamples = Path.Combine(AppContext.BaseDirectory, "samples", "graph-security-samples.json");
        await using var graph = await DemoGraphStandIn.StartAsync(graphSamples, Path.Combine(folder, "graph-stand-in.pem"), cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"Graph stand-in: {graph.Emulator.GraphBaseUrl}, {graph.Incidents} sample incidents and {graph.Alerts} sample alerts.");

        var settingsPath = Path.Combine(folder, "settings.json");
        var root = new JsonObject
        {
            ["eventHub"] = new JsonObject
            {
                ["namespace"] = "127.0.0.1",
                ["port"] = emulator.Port,
                ["transport"] = "amqp",
                ["hubName"] = emulator.HubName,
                ["sasPolicyName"] = Policy,
                ["sasKey"] = $"env:{KeyVariable}",
                ["initialPosition"] = "earliest",
            },
            ["graph"] = graph.Settings("graph-stand-in.pem"),
            ["output"] = new JsonObject { ["format"] = "ocsf", ["path"] = "events.jsonl" },
            ["state"] = new JsonObject { ["path"] = "state/defender-connector.db" },
        };
        await File.WriteAllTextAsync(settingsPath, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken).ConfigureAwait(false);
        var settings = new ConnectorSettings(await File.ReadAllTextAsync(settingsPath, cancellationToken).ConfigureAwait(false), folder, name => name switch
        {
            KeyVariable => key,
            DemoGraphStandIn.SecretVariable => graph.Secret,
            _ => Environment.GetEnvironmentVariable(name),
        });

        using var loggerFactory = Logging.Create(verbose);
        var runtime = ConnectorRuntime.Start(pluginDirectory, settings, null, loggerFactory, TimeProvider.System);
        await using (runtime.ConfigureAwait(false))
        {
            Console.WriteLine($"Plugin: {runtime.Plugin.Manifest.Name} {runtime.Plugin.Manifest.Version}, loaded from {runtime.Plugin.Directory}");
            var stream = await runtime.Connector.PullAsync("eventhub", cancellationToken).ConfigureAwait(false);
            var api = await runtime.Connector.PullAsync("graph", cancellationToken).ConfigureAwait(false);
            await ShowEventsAsync(runtime.Sink.Path, cancellationToken).ConfigureAwait(false);
            Console.WriteLine();
            ConsoleReports.WriteSummary(Console.Out, stream);
            ConsoleReports.WriteSummary(Console.Out, api);
            Console.WriteLine();
            Console.WriteLine($"Events written to {runtime.Sink.Path}");
            Console.WriteLine($"Settings used: {settingsPath} (the key and the app secret came from env: references and are not stored)");
            Console.WriteLine($"State (checkpoints, dead letters): {Path.Combine(folder, "state", "defender-connector.db")}");
            return stream.StopReason == "Failed" || api.StopReason == "Failed" ? ExitCodes.PullFailed : ExitCodes.Success;
        }
    }

    /// <summary>The first event of a few stream classes, then the first incident and alert from the API.</summary>
    private static async Task ShowEventsAsync(string path, CancellationToken cancellationToken)
    {
        var shown = new HashSet<string>(StringComparer.Ordinal);
        var streamClasses = 0;
        var pretty = new JsonSerializerOptions { WriteIndented = true };
        await foreach (var line in File.ReadLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            using var document = JsonDocument.Parse(line);
            var className = document.RootElement.TryGetProperty("class_name", out var c) ? c.GetString() ?? "?" : "?";
            var logName = document.RootElement.TryGetProperty("metadata", out var m) && m.TryGetProperty("log_name", out var l) ? l.GetString() : null;
            var fromApi = logName is "Incidents" or "Alerts";
            if ((!fromApi && streamClasses == 3) || !shown.Add($"{fromApi}/{className}"))
            {
                continue;
            }

            streamClasses += fromApi ? 0 : 1;
            Console.WriteLine();
            Console.WriteLine(fromApi ? $"--- {className} (Graph {logName!.ToLowerInvariant()}) ---" : $"--- {className} (Event Hub stream) ---");
            Console.WriteLine(JsonSerializer.Serialize(document.RootElement, pretty));
        }
    }
}
