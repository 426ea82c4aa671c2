using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using DefenderConnector.Abstractions;
using DefenderConnector.Host.Plugins;

namespace DefenderConnector.Benchmarks.EndToEnd;

/// <summary>
/// The end-to-end throughput harness: a backlog in the Event Hubs emulator (its own process) is pulled
/// by the plugin, loaded through its manifest as a host would, into the host's file sink (fsync per
/// batch), or into a network output (<c>--output syslog|relp --receiver-port N [--ca FILE]</c>) whose receiver runs on
/// this machine, or into an HTTP output (<c>--output hec|elasticsearch|sentinel</c>) whose stand-in the emulator process
/// serves (so its CPU is not the connector's). Each run is one pull in a fresh process (<see cref="PullChild"/>) from a fresh state
/// database, so it reads the whole backlog and its peak working set is the connector's own. Reports
/// records/s, MB/s of Defender records in and of events out, CPU seconds and peak working set, as medians.
/// <c>--metrics</c> turns on the host's metrics with the Prometheus endpoint (on loopback), as <c>telemetry.prometheus</c> does;
/// <c>--records-per-message N</c> sets the message size (about 1.7 kB per record; 600 gives about 1 MB messages);
/// <c>--prefetch</c>, <c>--batch-messages</c>, <c>--prefetch-bytes</c> and <c>--batch-bytes</c> are passed
/// to the connector only when given, so a run without them measures the defaults.
/// <c>--warm</c> runs every pull in this process instead, the plugin loaded once and one unmeasured pull
/// first, so the figures are JIT-warm (what a long-running <c>run</c> costs); peak working set is then this
/// process's, harness included.
/// <c>--instances N</c> and <c>--store sqlite|blob</c> run several instances on one hub instead (<see cref="ScaleOutHarness"/>).
/// </summary>
internal static class EndToEndHarness
{
    private static readonly string[] TuningOptions = ["prefetch", "batchMessages", "prefetchBytes", "batchBytes"];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--instances") || args.Contains("--store"))
        {
            return await ScaleOutHarness.RunAsync(args);
        }

        var records = Option(args, "--records", 200_000);
        var runs = Option(args, "--runs", 3);
        var partitions = Option(args, "--partitions", 4);
        var perMessage = Option(args, "--records-per-message", 10);
        var outputKind = Text(args, "--output") ?? "file";
        var receiverPort = Option(args, "--receiver-port", 0);
        var ca = Text(args, "--ca");
        var withMetrics = args.Contains("--metrics");
        var warm = args.Contains("--warm");
        var tuning = TuningOptions
            .Select(name => (name, value: Text(args, "--" + string.Concat(name.Select(c => char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : c.ToString())))))
            .Where(t => t.value is not null)
            .ToList();
        var hostOutput = Path.Combine(BacklogFile.FindRepoFile("src", "DefenderConnector.Host", "bin"), "Release", "net10.0");
        var pluginDirectory = Path.Combine(hostOutput, "plugins", "DefenderConnector");
        var (backlog, inputBytes) = BacklogFile.Write(BacklogFile.FindRepoFile("config", "samples", "defender-records.jsonl"), records);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        var tuningText = tuning.Count == 0 ? "default prefetch and batch settings" : string.Join(", ", tuning.Select(t => $"{t.name} {t.value}"));
        Console.WriteLine($"Backlog: {records:N0} records, {inputBytes / 1e6:0.0} MB of record JSON, {partitions} partitions, {perMessage} records per message (about {inputBytes / (double)records * perMessage / 1e6:0.000} MB); {tuningText}; output {outputKind}.");
        var http = outputKind is "hec" or "elasticsearch" or "sentinel";
        using var emulator = await EmulatorProcess.StartAsync(Path.Combine(hostOutput, "defender-connector.dll"), "bench", partitions, "bench", key, backlog, perMessage, siem: http);
        if (http)
        {
            receiverPort = emulator.SiemPort;
            ca = emulator.SiemCertificate;
        }

        var results = new List<(double Seconds, long OutBytes, double CpuSeconds, long PeakWorkingSet)>();
        var loaded = warm ? PluginLoader.Load(pluginDirectory) : null;
        for (var run = warm ? 0 : 1; run <= runs; run++)
        {
            var folder = Directory.CreateTempSubdirectory("dc-bench-").FullName;
            try
            {
                var extra = string.Concat(tuning.Select(t => $", \"{t.name}\": {t.value}"));
                File.WriteAllText(Path.Combine(folder, "settings.json"), $$"""
                    {
                      "eventHub": { "namespace": "127.0.0.1", "port": {{emulator.Port}}, "transport": "amqp", "hubName": "bench",
                                    "sasPolicyName": "bench", "sasKey": "env:DC_BENCH_KEY", "maxEventsPerPull": {{records * 2}}, "maxPullDuration": "10m"{{extra}} },
                      "output": {{OutputJson(outputKind, receiverPort, ca)}},
                      "state": { "path": "state.db" }{{(withMetrics ? $", \"telemetry\": {{ \"prometheus\": {{ \"listen\": \"127.0.0.1:{FreePort()}\" }} }}" : string.Empty)}}
                    }
                    """);
                var result = loaded is null ? await RunChildAsync(folder, pluginDirectory, records, key) : await RunWarmAsync(loaded, folder, records, key);
                if (result is null)
                {
                    return 1;
                }

                var r = result.Value;
                if (run == 0)
                {
                    continue; // the warm-up pull
                }

                results.Add(r);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Run {run}: {r.Seconds:0.00} s, {records / r.Seconds:N0} records/s, {inputBytes / r.Seconds / 1e6:0.0} MB/s in, {r.OutBytes / r.Seconds / 1e6:0.0} MB/s out, connector CPU {r.CpuSeconds:0.00} s = {r.CpuSeconds / records * 100_000:0.00} s per 100k records, peak working set {r.PeakWorkingSet / 1048576.0:0} MiB"));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        var seconds = Median(results.Select(r => r.Seconds));
        var outBytes = Median(results.Select(r => (double)r.OutBytes));
        var cpu = Median(results.Select(r => r.CpuSeconds));
        var peak = Median(results.Select(r => (double)r.PeakWorkingSet));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Median of {runs}: {seconds:0.00} s for {records:N0} records = {records / seconds:N0} records/s, {inputBytes / seconds / 1e6:0.0} MB/s of records in, {outBytes / seconds / 1e6:0.0} MB/s of OCSF out; connector CPU {cpu / records * 100_000:0.00} s per 100k records; connector peak working set {peak / 1048576.0:0} MiB (max {results.Max(r => r.PeakWorkingSet) / 1048576.0:0} MiB). {(warm ? "JIT-warm pulls in the harness process (its peak working set includes the harness)" : "The pull process only: not the harness, the emulator or a receiver")}."));
        File.Delete(backlog);
        return 0;
    }

    private static async Task<(double Seconds, long OutBytes, double CpuSeconds, long PeakWorkingSet)?> RunWarmAsync(LoadedPlugin loaded, string folder, int records, string key)
    {
        var settings = new ConnectorSettings(File.ReadAllText(Path.Combine(folder, "settings.json")), folder, name => name == "DC_BENCH_KEY" ? key : null);
        try
        {
            var pull = await MeasuredPull.RunAsync(loaded, settings, records);
            return (pull.Seconds, pull.BytesDelivered, pull.CpuSeconds, pull.PeakWorkingSet);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"The pull failed: {e.Message}");
            return null;
        }
    }

    private static async Task<(double Seconds, long OutBytes, double CpuSeconds, long PeakWorkingSet)?> RunChildAsync(string folder, string pluginDirectory, int records, string key)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { typeof(EndToEndHarness).Assembly.Location, PullChild.Mode, folder, pluginDirectory, records.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DC_BENCH_KEY"] = key;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = (await stdout).Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            Console.Error.WriteLine($"The pull process failed (exit code {process.ExitCode}): {await stderr}");
            return null;
        }

        var parts = line.Split(' ');
        return (double.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[3], CultureInfo.InvariantCulture),
            double.Parse(parts[4], CultureInfo.InvariantCulture), long.Parse(parts[5], CultureInfo.InvariantCulture));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string OutputJson(string kind, int port, string? ca) => kind switch
    {
        "syslog" => $$"""{ "type": "syslog", "syslog": { "host": "127.0.0.1", "port": {{port}}, "tls": {{(ca is null ? "false" : "true")}}{{(ca is null ? "" : $", \"caFile\": \"{ca}\"")}} } }""",
        "relp" => $$"""{ "type": "relp", "relp": { "host": "127.0.0.1", "port": {{port}}{{(ca is null ? "" : $", \"tls\": true, \"caFile\": \"{ca}\"")}} } }""",
        "hec" => $$"""{ "type": "hec", "hec": { "url": "https://127.0.0.1:{{port}}", "token": "env:DC_BENCH_KEY", "caFile": "{{ca}}", "useAck": true, "ackPollInterval": 0.01 } }""",
        "elasticsearch" => $$"""{ "type": "elasticsearch", "elasticsearch": { "url": "https://127.0.0.1:{{port}}", "dataStream": "{{Host.Commands.EmulatorSiem.DataStream}}", "apiKey": "env:DC_BENCH_KEY", "caFile": "{{ca}}" } }""",
        "sentinel" => $$"""{ "type": "sentinel", "sentinel": { "endpoint": "https://127.0.0.1:{{port}}", "dcrImmutableId": "{{Host.Commands.EmulatorSiem.RuleId}}", "streamName": "{{Host.Commands.EmulatorSiem.Stream}}", "tenantId": "{{Host.Commands.EmulatorSiem.TenantId}}", "clientId": "{{Host.Commands.EmulatorSiem.ClientId}}", "clientSecret": "env:DC_BENCH_KEY", "authorityHost": "https://127.0.0.1:{{port}}", "caFile": "{{ca}}" } }""",
        _ => """{ "path": "events.jsonl" }""",
    };

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? Text(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
