using System.Text.Json;
using DefenderConnector.IntegrationTests.Support;
using Xunit.Abstractions;

namespace DefenderConnector.IntegrationTests.Storage;

/// <summary>
/// Kills a real <c>defender-connector pull</c> of a Storage export (SIGKILL, no cleanup) in the middle of the
/// pull, runs it again, and checks that every line reached the events file, a line delivered twice with the
/// same <c>metadata.uid</c> and content.
/// </summary>
public sealed class StorageCrashRecoveryTests(ITestOutputHelper output)
{
    private const int LinesPerBlob = 5000;

    [Fact]
    public async Task AKilledStoragePullLosesNothing()
    {
        await using var azurite = await Azurite.StartAsync();
        var export = new StorageExport(azurite);
        var records = StorageExport.SampleRecords();
        var hour = DateTimeOffset.UtcNow.AddHours(-2);
        hour = new DateTimeOffset(hour.Year, hour.Month, hour.Day, hour.Hour, 0, 0, TimeSpan.Zero);
        var tables = records.Keys.Order(StringComparer.Ordinal).Take(4).ToArray();
        foreach (var table in tables)
        {
            var lines = Enumerable.Range(0, LinesPerBlob).Select(i => records[table][i % records[table].Count]);
            await export.AppendLinesAsync(table, hour, lines);
        }

        var total = export.ExpectedUids.Count;
        var folder = Directory.CreateTempSubdirectory("dc-storage-crash-").FullName;
        try
        {
            var settings = Path.Combine(folder, "settings.json");
            var events = Path.Combine(folder, "events.jsonl");
            await File.WriteAllTextAsync(settings, """
                {
                  "storage": { "connectionString": "env:DC_STORAGE_CRASH", "readBytes": 65536, "concurrency": 2 },
                  "output": { "path": "events.jsonl", "maxBatchEvents": 100 },
                  "state": { "path": "state.db" }
                }
                """);
            var environment = new Dictionary<string, string> { ["DC_STORAGE_CRASH"] = azurite.ConnectionString };

            using (var first = HostProcess.Start(["pull", "--config", settings], environment, folder))
            {
                var linesAtKill = await WaitForLinesAsync(events, atLeast: 1_000, TimeSpan.FromMinutes(2));
                first.Kill();
                output.WriteLine($"Killed the first pull (pid {first.Id}) with {linesAtKill} of {total} events in the file.");
                Assert.True(linesAtKill < total, $"The first pull finished ({linesAtKill} lines) before it could be killed; nothing was tested.");
            }

            var (exit, stdout, stderr) = await HostProcess.RunAsync(["pull", "--config", settings], environment, TimeSpan.FromMinutes(3), folder);
            Assert.True(exit == 0, $"The restarted pull failed ({exit}).\n{stdout}\n{stderr}");
            Assert.DoesNotContain(azurite.Key, stdout + stderr, StringComparison.Ordinal);

            var byUid = new Dictionary<string, string>(StringComparer.Ordinal);
            var replayed = 0;
            foreach (var line in await File.ReadAllLinesAsync(events))
            {
                using var document = JsonDocument.Parse(line);
                var uid = document.RootElement.GetProperty("metadata").GetProperty("uid").GetString()!;
                if (byUid.TryGetValue(uid, out var earlier))
                {
                    replayed++;
                    Assert.Equal(earlier, line);
                }
                else
                {
                    byUid[uid] = line;
                }
            }

            Assert.True(export.ExpectedUids.SetEquals(byUid.Keys), $"{byUid.Count} distinct ids delivered, {total} lines written: some are missing or foreign.");
            output.WriteLine($"{byUid.Count} distinct events, {replayed} delivered twice after the restart.");

            // At most the batches in flight at the kill come twice: a chunk per container read at once.
            Assert.InRange(replayed, 0, 2 * 2000);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<int> WaitForLinesAsync(string path, int atLeast, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(path) && EventHubBacklog.CountLines(path) is var lines && lines >= atLeast)
            {
                return lines;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"The events file never reached {atLeast} lines.");
    }
}
