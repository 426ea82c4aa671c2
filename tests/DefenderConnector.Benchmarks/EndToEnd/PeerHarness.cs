using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using DefenderConnector.Abstractions;
using DefenderConnector.Host.Plugins;

namespace DefenderConnector.Benchmarks.EndToEnd;

/// <summary>
/// <c>e2e-peers</c>: one emulator process (AMQP over TLS on 5671, as the service) with one backlog, read in
/// rotated order by (a) our full job (read, map, encode, fsync'd file, SQLite checkpoints) as a fresh
/// <c>defender-connector pull</c> process and as <c>PullAsync</c> in this already warm process, (b)
/// Microsoft's JavaScript client and (c) Microsoft's Python SDK as parse-only consumers. Cold figures are
/// whole processes (start-up included), warm ones exclude start-up. A throw-away read first warms the
/// emulator for every side alike.
/// </summary>
internal static partial class PeerHarness
{
    private const string Python = "/usr/bin/python3";

    public static async Task<int> RunAsync(string[] args)
    {
        var records = Option(args, "--records", 200_000);
        var runs = Option(args, "--runs", 3);
        // --prefetch default: our side runs on the product's own buffer defaults (prefetchBytes, batchBytes) instead
        // of message counts; the peers keep their SDKs' default of 300 messages.
        var productDefaults = Text(args, "--prefetch") == "default";
        var prefetch = Option(args, "--prefetch", 300);
        var batchMessages = productDefaults ? 0 : Option(args, "--batch-messages", 256);
        // --format ecs-bare: ECS without ocsf.original (output.ecsOriginal false). Several formats (--format ocsf,cef)
        // give our sides once per format in every run, back to back, and their ratios to the first one run by run.
        var formats = (Text(args, "--format") ?? "ocsf").Split(',');
        var format = formats[0] == "ecs-bare" ? "ecs" : formats[0];
        var ecsOriginal = formats[0] != "ecs-bare";
        // --pull-env NAME=VALUE[,NAME=VALUE] sets runtime knobs (DOTNET_TieredPGO=0...) for the cold pull process only;
        // a comma splits only before the next NAME=, so a value may hold commas (DOTNET_EventPipeConfig=A:1,B:2).
        var pullEnvironment = Regex.Split(Text(args, "--pull-env") ?? string.Empty, ",(?=[A-Za-z_][A-Za-z0-9_]*=)")
            .Where(pair => pair.Length > 0)
            .Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
        var only = (Text(args, "--sides") ?? "ours-cold,ours-warm,javascript,python").Split(',');
        // --host-dir measures another build (e.g. main's) with this harness: its pull command and plugin.
        var hostOutput = Text(args, "--host-dir") ?? Path.Combine(BacklogFile.FindRepoFile("src", "DefenderConnector.Host", "bin"), "Release", "net10.0");
        var hostAssembly = Path.Combine(hostOutput, "defender-connector.dll");
        var tools = BacklogFile.FindRepoFile(".tools");
        var scripts = Path.Combine(AppContext.BaseDirectory, "Peers");
        var (backlog, inputBytes) = BacklogFile.Write(BacklogFile.FindRepoFile("config", "samples", "defender-records.jsonl"), records);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        Console.WriteLine($"Backlog: {records:N0} records, {inputBytes / 1e6:0.0} MB of record JSON, 4 partitions, 10 records per message, AMQP over TLS; {(productDefaults ? "prefetch 300 for the peers; ours: the product's byte-bounded prefetch and batches" : $"prefetch {prefetch}; ours: {batchMessages} messages per sink batch")}, format {string.Join(", ", formats)} (ecs-bare: ECS without ocsf.original), fsync'd file, SQLite state.");
        Console.WriteLine($"Load average at start: {File.ReadAllText("/proc/loadavg").Trim()}");
        // The emulator always comes from this checkout, so both builds read from the same server.
        var ownHost = Path.Combine(BacklogFile.FindRepoFile("src", "DefenderConnector.Host", "bin"), "Release", "net10.0", "defender-connector.dll");
        using var emulator = await EmulatorProcess.StartTlsAsync(ownHost, "bench", 4, "bench", key, backlog);
        var connectionString = $"Endpoint=sb://{emulator.Host}/;SharedAccessKeyName=bench;SharedAccessKey={key};EntityPath=bench";
        var context = new SideContext(emulator, key, records, prefetch, batchMessages, format, ecsOriginal, hostOutput, hostAssembly, tools, scripts, connectionString, pullEnvironment);

        // Warms the emulator (and this process's JIT, each format's encoder) the same for every side; not measured.
        if (only.Contains("ours-warm") || only.Length > 1)
        {
            context.Plugin = PluginLoader.Load(Path.Combine(hostOutput, "plugins", "DefenderConnector"));
            foreach (var f in formats)
            {
                await OursWarmAsync(ForFormat(context, f), "ours");
            }
        }
        else
        {
            // Cold pulls only: the throw-away read is a cold pull too, so this process stays small.
            await OursColdAsync(context, "ours");
        }

        // One side per format, sharing the plugin the warm-up loaded (a later format's context copies it).
        string Ours(string f) => formats.Length == 1 ? "ours" : $"ours {f}";
        var sides = new List<(string Name, Func<SideContext, Task<Sample[]>> Run)>();
        foreach (var f in formats)
        {
            sides.Add(("ours-cold", async c => [await OursColdAsync(ForFormat(c, f), Ours(f))]));
            sides.Add(("ours-warm", async c => [await OursWarmAsync(ForFormat(c, f), Ours(f))]));
        }

        sides.Add(("javascript", c => PeerAsync(c, "javascript", "node", [Path.Combine(c.Scripts, "peer-consumer.mjs")])));
        sides.Add(("python", c => PeerAsync(c, "python", Python, [Path.Combine(c.Scripts, "peer-consumer.py")])));
        sides = sides.Where(s => only.Contains(s.Name)).ToList();
        var samples = new List<Sample>();
        for (var run = 0; run < runs; run++)
        {
            for (var i = 0; i < sides.Count; i++)
            {
                var side = sides[(i + run) % sides.Count];
                foreach (var measured in await side.Run(context))
                {
                    var sample = measured with { Run = run };
                    samples.Add(sample);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"Run {run + 1} {sample.Side,-10} {sample.Mode}: {sample.CpuSeconds:0.00} CPU s, {sample.WallSeconds:0.00} s, peak RSS {sample.PeakRssBytes / 1e6:0} MB{(sample.Detail.Length > 0 ? ", " + sample.Detail : string.Empty)}"));
                }
            }
        }

        PeerTable.Write(Console.Out, samples, records, inputBytes);
        if (formats.Length > 1)
        {
            PeerTable.WriteFormatRatios(Console.Out, samples, runs, formats.Select(Ours).ToArray());
        }

        Console.WriteLine($"Load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");
        File.Delete(backlog);
        return 0;
    }

    private static string SettingsJson(SideContext c) => $$"""
        {
          "eventHub": { "namespace": "{{c.Emulator.Host}}", "port": 5671, "transport": "amqps", "trustedCertificate": {{JsonSerializer.Serialize(c.Emulator.CertificateFile)}},
                        "hubName": "bench", "sasPolicyName": "bench", "sasKey": "env:DC_BENCH_KEY", "maxEventsPerPull": {{c.Records * 2}}, "maxPullDuration": "30m"{{Tuning(c)}} },
          "output": { "format": "{{c.Format}}", "path": "events.jsonl"{{(c.EcsOriginal ? string.Empty : ", \"ecsOriginal\": false")}} },
          "state": { "path": "state.db" }
        }
        """;

    /// <summary>Message-count tuning, or nothing when our side runs on the product defaults (<c>--prefetch default</c>).</summary>
    private static string Tuning(SideContext c) =>
        c.BatchMessages == 0 ? string.Empty : $", \"prefetch\": {c.Prefetch}, \"batchMessages\": {c.BatchMessages}";

    private static SideContext ForFormat(SideContext c, string format) =>
        c with { Format = format == "ecs-bare" ? "ecs" : format, EcsOriginal = format != "ecs-bare", Plugin = c.Plugin };

    private static async Task<Sample> OursColdAsync(SideContext c, string side)
    {
        var folder = Directory.CreateTempSubdirectory("dc-bench-").FullName;
        try
        {
            var settings = Path.Combine(folder, "settings.json");
            await File.WriteAllTextAsync(settings, SettingsJson(c));
            var environment = new Dictionary<string, string>(c.PullEnvironment) { ["DC_BENCH_KEY"] = c.Key };
            var result = await ChildProcessRun.RunAsync("dotnet", [c.HostAssembly, "pull", "--config", settings], environment, folder);
            var summary = PullLine().Match(result.Output);
            if (result.ExitCode != 0 || !summary.Success || summary.Groups[1].Value != "CaughtUp" || long.Parse(summary.Groups[2].Value, CultureInfo.InvariantCulture) != c.Records)
            {
                throw new InvalidOperationException($"pull did not deliver {c.Records} events (exit {result.ExitCode}): {result.Output} {result.Error}");
            }

            return new Sample(side, "cold", result.CpuSeconds, result.WallSeconds, result.PeakRssBytes);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<Sample> OursWarmAsync(SideContext c, string side)
    {
        var folder = Directory.CreateTempSubdirectory("dc-bench-").FullName;
        try
        {
            var settings = new ConnectorSettings(SettingsJson(c), folder, name => name == "DC_BENCH_KEY" ? c.Key : null);
            // One plugin load for the harness's life, as `run` loads it once: later pulls run JIT-warm code.
            var loaded = c.Plugin ??= PluginLoader.Load(Path.Combine(c.HostOutput, "plugins", "DefenderConnector"));
            var pull = await MeasuredPull.RunAsync(loaded, settings, c.Records);
            return new Sample(side, "warm", pull.CpuSeconds, pull.Seconds, pull.PeakWorkingSet) { Detail = pull.Memory };
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>One peer process: its whole life is the cold sample, its own report of the read alone the warm one.</summary>
    private static async Task<Sample[]> PeerAsync(SideContext c, string name, string interpreter, string[] arguments)
    {
        var environment = new Dictionary<string, string>
        {
            ["PEER_CONNECTION_STRING"] = c.ConnectionString,
            ["PEER_CA_FILE"] = c.Emulator.CertificateFile!,
            ["NODE_EXTRA_CA_CERTS"] = c.Emulator.CertificateFile!,
            ["PEER_TOOLS_DIR"] = c.Tools,
            ["PEER_PREFETCH"] = c.Prefetch.ToString(CultureInfo.InvariantCulture),
        };
        var result = await ChildProcessRun.RunAsync(interpreter, arguments, environment, c.Scripts);
        var line = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? string.Empty;
        using var report = result.ExitCode == 0 && line.StartsWith('{') ? JsonDocument.Parse(line) : null;
        var root = report?.RootElement;
        if (root is not { } r || r.GetProperty("records").GetInt64() != c.Records)
        {
            throw new InvalidOperationException($"{name} did not read {c.Records} records (exit {result.ExitCode}): {line} {result.Error.Replace(c.Key, "<key>", StringComparison.Ordinal)}");
        }

        return
        [
            new Sample(name, "cold", result.CpuSeconds, result.WallSeconds, result.PeakRssBytes),
            // A child's own ru_maxrss starts from the parent's size at fork, so the peak is VmHWM seen from outside.
            new Sample(name, "warm", r.GetProperty("readCpuSeconds").GetDouble(), r.GetProperty("readSeconds").GetDouble(), result.PeakRssBytes),
        ];
    }

    private static string? Text(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int Option(string[] args, string name, int fallback) =>
        int.TryParse(Text(args, name), CultureInfo.InvariantCulture, out var value) ? value : fallback;

    [GeneratedRegex(@"Pull of eventhub: (\w+); (\d+) events")]
    private static partial Regex PullLine();

    internal sealed record Sample(string Side, string Mode, double CpuSeconds, double WallSeconds, long PeakRssBytes)
    {
        /// <summary>What else the side measured (ours warm: allocation per event and GC counts).</summary>
        public string Detail { get; init; } = string.Empty;

        /// <summary>Which round of sides it was measured in (0 first).</summary>
        public int Run { get; init; }
    }

    private sealed record SideContext(
        EmulatorProcess Emulator, string Key, int Records, int Prefetch, int BatchMessages, string Format, bool EcsOriginal,
        string HostOutput, string HostAssembly, string Tools, string Scripts, string ConnectionString, IReadOnlyDictionary<string, string> PullEnvironment)
    {
        public LoadedPlugin? Plugin { get; set; }
    }
}
