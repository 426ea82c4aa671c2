using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using DefenderConnector.Abstractions;
using Microsoft.Extensions.Logging.Abstractions;

namespace DefenderConnector.Benchmarks.StorageExport;

/// <summary>
/// <c>storage-export [--records N] [--runs N] [--blobs-per-table N]</c>: writes a Defender export of N records (the
/// sample records repeated, four tables, hourly append blobs) into Azurite on a free loopback port, then pulls it
/// whole with the Storage source into a counting sink, each run from a fresh state database, and prints records/s,
/// MB/s and CPU seconds (user+sys) per 100k records of this process (Azurite runs in its own), with medians.
/// </summary>
internal static partial class StorageExportHarness
{
    private const string Account = "benchexport";

    public static async Task<int> RunAsync(string[] args)
    {
        var records = Option(args, "--records", 200_000);
        var runs = Option(args, "--runs", 3);
        var blobsPerTable = Option(args, "--blobs-per-table", 5);
        var root = Root();
        var folder = Directory.CreateTempSubdirectory("dc-storage-bench-").FullName;
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        using var azurite = StartAzurite(root, folder, key, out var port);
        try
        {
            var connection = $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={key};BlobEndpoint=http://127.0.0.1:{port}/{Account};";
            var bytes = await WriteExportAsync(connection, Path.Combine(root, "config", "samples", "defender-records.jsonl"), records, blobsPerTable);
            Console.WriteLine($"export: {records} records, {bytes / 1e6:0.0} MB in {4 * blobsPerTable} blobs; load average {File.ReadAllText("/proc/loadavg").Trim()}");
            var rates = new List<(double Rate, double Mb, double Cpu)>();
            for (var run = 1; run <= runs; run++)
            {
                var result = await PullOnceAsync(connection, Path.Combine(folder, $"run{run}"));
                if (result.Events != records)
                {
                    Console.Error.WriteLine($"run {run}: delivered {result.Events} of {records} records ({result.Summary.Error ?? result.Summary.StopReason}).");
                    return 1;
                }

                var rate = records / result.Wall.TotalSeconds;
                var cpu = result.Cpu.TotalSeconds / records * 100_000;
                rates.Add((rate, bytes / 1e6 / result.Wall.TotalSeconds, cpu));
                Console.WriteLine($"run {run}: {rate:0} records/s, {bytes / 1e6 / result.Wall.TotalSeconds:0.0} MB/s, {cpu:0.00} CPU s per 100k records, wall {result.Wall.TotalSeconds:0.00} s; load average {File.ReadAllText("/proc/loadavg").Trim()}");
            }

            static double Median(IEnumerable<double> values)
            {
                var sorted = values.Order().ToArray();
                return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
            }

            Console.WriteLine($"median of {runs}: {Median(rates.Select(r => r.Rate)):0} records/s, {Median(rates.Select(r => r.Mb)):0.0} MB/s, {Median(rates.Select(r => r.Cpu)):0.00} CPU s per 100k records");
            return 0;
        }
        finally
        {
            azurite.Kill(entireProcessTree: true);
            await azurite.WaitForExitAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(long Events, TimeSpan Wall, TimeSpan Cpu, PullSummary Summary)> PullOnceAsync(string connection, string folder)
    {
        Directory.CreateDirectory(folder);
        var storage = new JsonObject { ["connectionString"] = "env:BENCH_STORAGE", ["maxPullDuration"] = "30m" };
        var json = new JsonObject { ["storage"] = storage, ["state"] = new JsonObject { ["path"] = "state.db" } }.ToJsonString();
        var sink = new CountingSink();
        var connector = new DefenderConnectorPlugin().Create(new ConnectorSettings(json, folder, n => n == "BENCH_STORAGE" ? connection : null), new ConnectorContext(sink, NullLoggerFactory.Instance, TimeProvider.System));
        await using (connector.ConfigureAwait(false))
        {
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var summary = await connector.PullAsync("storage", CancellationToken.None);
            clock.Stop();
            process.Refresh();
            return (sink.Events, clock.Elapsed, process.TotalProcessorTime - cpuBefore, summary);
        }
    }

    private static async Task<long> WriteExportAsync(string connection, string samples, int records, int blobsPerTable)
    {
        var lines = File.ReadLines(samples).Where(l => l.Length > 0).ToArray();
        var byTable = lines.GroupBy(l => Regex.Match(l, "\"category\":\"AdvancedHunting-([A-Za-z]+)\"").Groups[1].Value).OrderByDescending(g => g.Count()).Take(4).ToArray();
        var client = new BlobServiceClient(connection);
        var hour = DateTimeOffset.UtcNow.AddHours(-blobsPerTable - 2);
        hour = new DateTimeOffset(hour.Year, hour.Month, hour.Day, hour.Hour, 0, 0, TimeSpan.Zero);
        var perBlob = records / (byTable.Length * blobsPerTable);
        long bytes = 0;
        var written = 0;
        for (var t = 0; t < byTable.Length; t++)
        {
            var container = client.GetBlobContainerClient("insights-logs-advancedhunting-" + byTable[t].Key.ToLowerInvariant());
            await container.CreateIfNotExistsAsync();
            var samplesOfTable = byTable[t].ToArray();
            for (var b = 0; b < blobsPerTable; b++)
            {
                var at = hour.AddHours(b);
                var count = t == byTable.Length - 1 && b == blobsPerTable - 1 ? records - written : perBlob;
                var text = new StringBuilder();
                for (var i = 0; i < count; i++)
                {
                    text.Append(samplesOfTable[i % samplesOfTable.Length]).Append('\n');
                }

                written += count;
                var data = Encoding.UTF8.GetBytes(text.ToString());
                bytes += data.Length;
                var blob = container.GetAppendBlobClient(string.Create(CultureInfo.InvariantCulture, $"tenants/bench/y={at:yyyy}/m={at:MM}/d={at:dd}/h={at:HH}/m=00/PT1H.json"));
                await blob.CreateIfNotExistsAsync();
                for (var start = 0; start < data.Length; start += 4 * 1024 * 1024)
                {
                    using var block = new MemoryStream(data, start, Math.Min(4 * 1024 * 1024, data.Length - start));
                    await blob.AppendBlockAsync(block);
                }
            }
        }

        return bytes;
    }

    private static Process StartAzurite(string root, string folder, string key, out int port)
    {
        var info = new ProcessStartInfo(Path.Combine(root, ".tools", "node_modules", ".bin", "azurite-blob")) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--blobHost", "127.0.0.1", "--blobPort", "0", "--location", Path.Combine(folder, "azurite"), "--skipApiVersionCheck", "--disableTelemetry", "--loose", "--silent" })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["AZURITE_ACCOUNTS"] = $"{Account}:{key}";
        var process = Process.Start(info) ?? throw new InvalidOperationException("Azurite did not start.");
        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (ListensOn().Match(line) is { Success: true } match)
            {
                port = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                // Azurite writes nothing more with --silent; the rest is drained so it never blocks on a full pipe.
                _ = process.StandardOutput.ReadToEndAsync();
                _ = process.StandardError.ReadToEndAsync();
                return process;
            }
        }

        throw new InvalidOperationException("Azurite ended before it listened (run ./test.sh once to install it into .tools).");
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DefenderConnector.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run from a build output inside the checkout.");
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    [GeneratedRegex(@"listens on http://127\.0\.0\.1:(\d+)")]
    private static partial Regex ListensOn();

    private sealed class CountingSink : IEventSink
    {
        private long _events;

        public long Events => Interlocked.Read(ref _events);

        public ValueTask WriteAsync(EventBatch batch, CancellationToken cancellationToken)
        {
            Interlocked.Add(ref _events, batch.Events.Count);
            return ValueTask.CompletedTask;
        }
    }
}
