using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DefenderConnector.Benchmarks.EndToEnd;

/// <summary>
/// <c>e2e --instances N --store sqlite|blob</c>: N pull processes (<see cref="PullChild"/>) started together
/// on one hub of the emulator process, sharing the Blob checkpoint store on Azurite (<c>blob</c>) or, for one
/// instance, the SQLite store. Each run has a fresh container (or state database), so the instances split
/// and drain the whole backlog. Per run: wall time from the first start to the last exit, the distinct
/// records in all instances' outputs (by <c>metadata.uid</c>; every record must arrive), duplicates,
/// records/s, CPU (user+sys) of all pull processes per 100k records, whole processes and pulls alone, and
/// the storage requests each pull's summary reports, per 1,000 events. <c>--checkpoint-interval 10s</c>,
/// <c>--update-interval</c> and <c>--strategy</c> set the store's settings; without them the defaults run.
/// </summary>
internal static partial class ScaleOutHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        var records = Option(args, "--records", 200_000);
        var runs = Option(args, "--runs", 3);
        var partitions = Option(args, "--partitions", 4);
        var instances = Option(args, "--instances", 1);
        var store = Text(args, "--store") ?? "sqlite";
        var checkpointInterval = Text(args, "--checkpoint-interval");
        var updateInterval = Text(args, "--update-interval");
        var strategy = Text(args, "--strategy");
        if (store is not ("sqlite" or "blob") || instances < 1 || (store == "sqlite" && instances > 1) || (store == "sqlite" && (checkpointInterval ?? updateInterval ?? strategy) is not null))
        {
            Console.Error.WriteLine("--store must be sqlite (one instance, no store options) or blob; --instances at least 1.");
            return 2;
        }

        var hostOutput = Path.Combine(BacklogFile.FindRepoFile("src", "DefenderConnector.Host", "bin"), "Release", "net10.0");
        var pluginDirectory = Path.Combine(hostOutput, "plugins", "DefenderConnector");
        var (backlog, inputBytes) = BacklogFile.Write(BacklogFile.FindRepoFile("config", "samples", "defender-records.jsonl"), records);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var storeText = store == "blob"
            ? $"Blob store on Azurite, checkpointInterval {checkpointInterval ?? "default"}, updateInterval {updateInterval ?? "default"}, strategy {strategy ?? "default"}"
            : "SQLite store";
        Console.WriteLine($"Backlog: {records:N0} records, {inputBytes / 1e6:0.0} MB of record JSON, {partitions} partitions, 10 records per message; {instances} instance(s), {storeText}; file output.");
        Console.WriteLine($"Load average at start: {File.ReadAllText("/proc/loadavg").Trim()}");
        using var emulator = await EmulatorProcess.StartAsync(Path.Combine(hostOutput, "defender-connector.dll"), "bench", partitions, "bench", key, backlog);
        using var azurite = store == "blob" ? await AzuriteProcess.StartAsync(BacklogFile.FindRepoFile(".tools")) : null;
        var results = new List<RunResult>();
        for (var run = 1; run <= runs; run++)
        {
            var root = Directory.CreateTempSubdirectory("dc-bench-scale-").FullName;
            try
            {
                var storeJson = azurite is null ? string.Empty : $$"""
                    , "checkpointStore": { "type": "blob", "connectionString": "env:DC_BENCH_STORAGE", "container": "bench-run-{{run}}"{{Setting("checkpointInterval", checkpointInterval)}},
                                           "loadBalancing": { {{string.Join(", ", new[] { Setting("strategy", strategy), Setting("updateInterval", updateInterval) }.Where(s => s.Length > 0).Select(s => s.TrimStart(',', ' ')))}} } }
                    """;
                var folders = Enumerable.Range(1, instances).Select(i => Path.Combine(root, $"instance-{i}")).ToArray();
                foreach (var folder in folders)
                {
                    Directory.CreateDirectory(folder);
                    File.WriteAllText(Path.Combine(folder, "settings.json"), $$"""
                        {
                          "eventHub": { "namespace": "127.0.0.1", "port": {{emulator.Port}}, "transport": "amqp", "hubName": "bench",
                                        "sasPolicyName": "bench", "sasKey": "env:DC_BENCH_KEY", "maxEventsPerPull": {{records * 2}}, "maxPullDuration": "10m" },
                          "output": { "path": "events.jsonl" },
                          "state": { "path": "state.db" }{{storeJson}}
                        }
                        """);
                }

                var result = await RunInstancesAsync(folders, pluginDirectory, instances == 1 ? records : -1, key, azurite?.ConnectionString);
                if (result is null)
                {
                    return 1;
                }

                var r = result;
                results.Add(r);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Run {run}: {r.WallSeconds:0.00} s, {r.Distinct:N0} distinct records of {records:N0}{(r.Distinct == records ? "" : " (MISSING " + (records - r.Distinct) + ")")}, {r.Duplicates:N0} duplicates, {r.Distinct / r.WallSeconds:N0} records/s, CPU {r.ProcessCpu / records * 100_000:0.00} s per 100k records (pulls alone {r.PullCpu / records * 100_000:0.00}), {StorageText(r, records)}; per instance: {string.Join(", ", r.PerInstance)}"));
                if (r.Distinct != records)
                {
                    Console.Error.WriteLine($"Not every record arrived: {records - r.Distinct} missing.");
                    return 1;
                }
            }
            finally
            {
                Directory.Delete(root, recursive: true);
            }
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Median of {runs}, {instances} instance(s), {store}: {Median(results.Select(r => r.WallSeconds)):0.00} s wall (first start to last exit), {records:N0} distinct records, {Median(results.Select(r => (double)r.Duplicates)):0} duplicates, {records / Median(results.Select(r => r.WallSeconds)):N0} records/s, CPU {Median(results.Select(r => r.ProcessCpu)) / records * 100_000:0.00} s per 100k records (pulls alone {Median(results.Select(r => r.PullCpu)) / records * 100_000:0.00}), {(store == "blob" ? Median(results.Select(r => r.StorageRequests * 1000.0 / records)).ToString("0.0", CultureInfo.InvariantCulture) + " storage requests per 1,000 events" : "no storage requests (SQLite)")}."));
        Console.WriteLine($"Load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");
        File.Delete(backlog);
        return 0;
    }

    private static string StorageText(RunResult r, int records) =>
        r.StorageRequests < 0 ? "no storage requests (SQLite)" : string.Create(CultureInfo.InvariantCulture, $"{r.StorageRequests} storage requests = {r.StorageRequests * 1000.0 / records:0.0} per 1,000 events");

    private static string Setting(string name, string? value) => value is null ? string.Empty : $", \"{name}\": \"{value}\"";

    /// <summary>Starts every instance at once and waits for all; CPU is the change in <c>getrusage(RUSAGE_CHILDREN)</c>, the sum of all pull processes reaped meanwhile (the emulator and Azurite live on).</summary>
    private static async Task<RunResult?> RunInstancesAsync(string[] folders, string pluginDirectory, int expected, string key, string? storage)
    {
        var cpuBefore = ChildProcessRun.ChildrenCpuSeconds();
        var clock = Stopwatch.StartNew();
        var children = folders.Select(folder => RunChildAsync(folder, pluginDirectory, expected, key, storage)).ToArray();
        var outputs = await Task.WhenAll(children);
        clock.Stop();
        var processCpu = ChildProcessRun.ChildrenCpuSeconds() - cpuBefore;
        double pullCpu = 0;
        long requests = storage is null ? -1 : 0;
        var perInstance = new List<string>();
        foreach (var (exitCode, stdout, stderr) in outputs)
        {
            var line = stdout.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
            if (exitCode != 0 || line is null)
            {
                Console.Error.WriteLine($"A pull process failed (exit code {exitCode}): {stderr}");
                return null;
            }

            var parts = line.Split(' ');
            pullCpu += double.Parse(parts[4], CultureInfo.InvariantCulture);
            var events = long.Parse(parts[2], CultureInfo.InvariantCulture);
            var owned = OwnedLine().Match(stdout);
            perInstance.Add($"{events:N0} events" + (owned.Success ? $" (partitions {owned.Groups[1].Value.Trim()})" : string.Empty));
            if (storage is not null)
            {
                var fact = StorageLine().Match(stdout);
                if (!fact.Success)
                {
                    Console.Error.WriteLine("A pull's summary has no storage requests fact.");
                    return null;
                }

                requests += long.Parse(fact.Groups[1].Value, CultureInfo.InvariantCulture);
            }
        }

        var uids = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        foreach (var folder in folders)
        {
            var file = Path.Combine(folder, "events.jsonl");
            foreach (var line in File.Exists(file) ? File.ReadLines(file) : [])
            {
                if (line.Length == 0)
                {
                    continue;
                }

                using var document = JsonDocument.Parse(line);
                uids.Add(document.RootElement.GetProperty("metadata").GetProperty("uid").GetString()!);
                total++;
            }
        }

        if (uids.Count < expected)
        {
            // Records missing: each instance's summary and log say which partitions stopped where, and why.
            foreach (var (_, stdout, stderr) in outputs)
            {
                Console.Error.WriteLine($"--- instance summary ---\n{stdout}\n--- instance log ---\n{stderr}");
            }
        }

        return new RunResult(clock.Elapsed.TotalSeconds, uids.Count, total - uids.Count, processCpu, pullCpu, requests, perInstance);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunChildAsync(string folder, string pluginDirectory, int expected, string key, string? storage)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder };
        foreach (var argument in new[] { typeof(ScaleOutHarness).Assembly.Location, PullChild.Mode, folder, pluginDirectory, expected.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DC_BENCH_KEY"] = key;
        if (storage is not null)
        {
            info.Environment["DC_BENCH_STORAGE"] = storage;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string? Text(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int Option(string[] args, string name, int fallback) =>
        int.TryParse(Text(args, name), CultureInfo.InvariantCulture, out var value) ? value : fallback;

    [GeneratedRegex(@"FACT storage requests: (\d+)")]
    private static partial Regex StorageLine();

    [GeneratedRegex(@"FACT owned partitions: ([^\n]*)")]
    private static partial Regex OwnedLine();

    private sealed record RunResult(double WallSeconds, int Distinct, long Duplicates, double ProcessCpu, double PullCpu, long StorageRequests, List<string> PerInstance);
}
