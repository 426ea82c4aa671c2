using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using DefenderConnector.Abstractions;
using DefenderConnector.Host.Outputs;
using DefenderConnector.Host.Plugins;
using Microsoft.Extensions.Logging.Abstractions;

namespace DefenderConnector.Benchmarks.EndToEnd;

/// <summary>
/// The end-to-end throughput harness: a backlog in the Event Hubs emulator (its own process) is pulled
/// by the plugin, loaded through its manifest as a host would, into the host's file sink (fsync per
/// batch), or into a network output (<c>--output syslog|relp --receiver-port N [--ca FILE]</c>) whose receiver runs on
/// this machine, or into an HTTP output (<c>--output hec|elasticsearch|sentinel</c>) whose stand-in the emulator process
/// serves (so its CPU is not the connector's). Each run starts from a fresh state database, so it reads the whole backlog. Reports
/// records/s, MB/s of Defender records in and of events out, and the connector process's peak memory.
/// </summary>
internal static class EndToEndHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        var records = Option(args, "--records", 200_000);
        var runs = Option(args, "--runs", 3);
        var partitions = Option(args, "--partitions", 4);
        var prefetch = Option(args, "--prefetch", 300);
        var batchMessages = Option(args, "--batch-messages", 256);
        var outputKind = Text(args, "--output") ?? "file";
        var receiverPort = Option(args, "--receiver-port", 0);
        var ca = Text(args, "--ca");
        var hostOutput = Path.Combine(BacklogFile.FindRepoFile("src", "DefenderConnector.Host", "bin"), "Release", "net10.0");
        var pluginDirectory = Path.Combine(hostOutput, "plugins", "DefenderConnector");
        var (backlog, inputBytes) = BacklogFile.Write(BacklogFile.FindRepoFile("config", "samples", "defender-records.jsonl"), records);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        Console.WriteLine($"Backlog: {records:N0} records, {inputBytes / 1e6:0.0} MB of record JSON, {partitions} partitions, 10 records per message; prefetch {prefetch}, {batchMessages} messages per sink batch; output {outputKind}.");
        var http = outputKind is "hec" or "elasticsearch" or "sentinel";
        using var emulator = await EmulatorProcess.StartAsync(Path.Combine(hostOutput, "defender-connector.dll"), "bench", partitions, "bench", key, backlog, siem: http);
        if (http)
        {
            receiverPort = emulator.SiemPort;
            ca = emulator.SiemCertificate;
        }

        var results = new List<(double Seconds, long Events, long OutBytes, double CpuSeconds)>();
        for (var run = 1; run <= runs; run++)
        {
            var folder = Directory.CreateTempSubdirectory("dc-bench-").FullName;
            try
            {
                var settings = new ConnectorSettings($$"""
                    {
                      "eventHub": { "namespace": "127.0.0.1", "port": {{emulator.Port}}, "transport": "amqp", "hubName": "bench",
                                    "sasPolicyName": "bench", "sasKey": "env:DC_BENCH_KEY", "maxEventsPerPull": {{records * 2}}, "maxPullDuration": "10m",
                                    "prefetch": {{prefetch}}, "batchMessages": {{batchMessages}} },
                      "output": {{OutputJson(outputKind, receiverPort, ca).Replace("env:DC_SECRET", "env:DC_BENCH_KEY", StringComparison.Ordinal)}},
                      "state": { "path": "state.db" }
                    }
                    """, folder, name => name == "DC_BENCH_KEY" ? key : null);
                var loaded = PluginLoader.Load(pluginDirectory);
                var (plan, problems) = OutputSettingsReader.Read(settings, null);
                if (plan is null)
                {
                    Console.Error.WriteLine(string.Join("; ", problems));
                    return 1;
                }

                await using var sink = OutputFactory.Create(plan, NullLoggerFactory.Instance, TimeProvider.System);
                await using var connector = loaded.Plugin.Create(settings, new ConnectorContext(sink, NullLoggerFactory.Instance, TimeProvider.System));
                using var self = Process.GetCurrentProcess();
                var cpuBefore = self.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                var summary = await connector.PullAsync("eventhub", CancellationToken.None);
                clock.Stop();
                self.Refresh();
                var cpu = (self.TotalProcessorTime - cpuBefore).TotalSeconds;
                if (summary.StopReason != "CaughtUp" || summary.EventsDelivered != records)
                {
                    Console.Error.WriteLine($"Run {run}: {summary.StopReason}, {summary.EventsDelivered} events (expected {records}). {summary.Error}");
                    return 1;
                }

                results.Add((clock.Elapsed.TotalSeconds, summary.EventsDelivered, summary.BytesDelivered, cpu));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Run {run}: {clock.Elapsed.TotalSeconds:0.00} s, {records / clock.Elapsed.TotalSeconds:N0} records/s, {inputBytes / clock.Elapsed.TotalSeconds / 1e6:0.0} MB/s in, {summary.BytesDelivered / clock.Elapsed.TotalSeconds / 1e6:0.0} MB/s out, connector CPU {cpu:0.00} s = {cpu / records * 100_000:0.00} s per 100k records"));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        var median = results.OrderBy(r => r.Seconds).ElementAt(results.Count / 2);
        var medianCpu = results.Select(r => r.CpuSeconds).Order().ElementAt(results.Count / 2);
        using var process = Process.GetCurrentProcess();
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Median of {runs}: {median.Seconds:0.00} s for {records:N0} records = {records / median.Seconds:N0} records/s, {inputBytes / median.Seconds / 1e6:0.0} MB/s of records in, {median.OutBytes / median.Seconds / 1e6:0.0} MB/s of OCSF out; connector CPU {medianCpu / records * 100_000:0.00} s per 100k records (harness and plugin, without the emulator and receiver processes); connector peak working set {process.PeakWorkingSet64 / 1e6:0} MB, GC heap after {GC.GetTotalMemory(false) / 1e6:0} MB."));
        File.Delete(backlog);
        return 0;
    }

    private static string OutputJson(string kind, int port, string? ca) => kind switch
    {
        "syslog" => $$"""{ "type": "syslog", "syslog": { "host": "127.0.0.1", "port": {{port}}, "tls": {{(ca is null ? "false" : "true")}}{{(ca is null ? "" : $", \"caFile\": \"{ca}\"")}} } }""",
        "relp" => $$"""{ "type": "relp", "relp": { "host": "127.0.0.1", "port": {{port}}{{(ca is null ? "" : $", \"tls\": true, \"caFile\": \"{ca}\"")}} } }""",
        "hec" => $$"""{ "type": "hec", "hec": { "url": "https://127.0.0.1:{{port}}", "token": "env:DC_SECRET", "caFile": "{{ca}}", "useAck": true, "ackPollInterval": 0.01 } }""",
        "elasticsearch" => $$"""{ "type": "elasticsearch", "elasticsearch": { "url": "https://127.0.0.1:{{port}}", "dataStream": "{{Host.Commands.EmulatorSiem.DataStream}}", "apiKey": "env:DC_SECRET", "caFile": "{{ca}}" } }""",
        "sentinel" => $$"""{ "type": "sentinel", "sentinel": { "endpoint": "https://127.0.0.1:{{port}}", "dcrImmutableId": "{{Host.Commands.EmulatorSiem.RuleId}}", "streamName": "{{Host.Commands.EmulatorSiem.Stream}}", "tenantId": "{{Host.Commands.EmulatorSiem.TenantId}}", "clientId": "{{Host.Commands.EmulatorSiem.ClientId}}", "clientSecret": "env:DC_SECRET", "authorityHost": "https://127.0.0.1:{{port}}", "caFile": "{{ca}}" } }""",
        _ => """{ "path": "events.jsonl" }""",
    };

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
