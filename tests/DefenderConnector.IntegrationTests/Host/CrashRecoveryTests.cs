using System.Text;
using System.Text.Json;
using DefenderConnector.IntegrationTests.Support;
using Xunit.Abstractions;

namespace DefenderConnector.IntegrationTests.Host;

/// <summary>
/// Kills the connector process (SIGKILL, no cleanup) in the middle of a pull, starts it again, and
/// checks that every record reached the events file at least once and that a replayed record carries
/// the same <c>metadata.uid</c> and content as its first delivery.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int Partitions = 4;
    private const int MessagesPerPartition = 1000;
    private const int RecordsPerMessage = 10;
    private const string Hub = "crash";

    [Fact]
    public async Task AKilledPullLosesNothingAndReplaysWithTheSameIds()
    {
        await using var backlog = await EventHubBacklog.StartAsync(Hub, Partitions, MessagesPerPartition, RecordsPerMessage, "t-crash");
        var key = backlog.Key;

        var folder = Directory.CreateTempSubdirectory("dc-crash-").FullName;
        try
        {
            var settings = Path.Combine(folder, "settings.json");
            var events = Path.Combine(folder, "events.jsonl");
            var environment = await backlog.WriteSettingsAsync(settings, "DC_CRASH_KEY", "\"batchMessages\": 2");
            var total = backlog.Total;

            using (var first = HostProcess.Start(["pull", "--config", settings], environment, folder))
            {
                var linesAtKill = await WaitForLinesAsync(events, atLeast: 2_000, TimeSpan.FromMinutes(2));
                first.Kill();
                output.WriteLine($"Killed the first pull (pid {first.Id}) with {linesAtKill} of {total} events in the file.");
                Assert.True(linesAtKill < total, $"The first pull finished ({linesAtKill} lines) before it could be killed; nothing was tested.");
            }

            var (exit, stdout, stderr) = await HostProcess.RunAsync(["pull", "--config", settings], environment, TimeSpan.FromMinutes(3), folder);
            Assert.True(exit == 0, $"The restarted pull failed ({exit}).\n{stdout}\n{stderr}");
            Assert.DoesNotContain(key, stdout + stderr, StringComparison.Ordinal);

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
                    var errors = DefenderConnector.Tests.Ocsf.OcsfValidator.Shared.Validate(Encoding.UTF8.GetBytes(line));
                    Assert.True(errors.Count == 0, string.Join("; ", errors));
                    byUid[uid] = line;
                }
            }

            var expected = backlog.ExpectedUids();

            Assert.Equal(total, byUid.Count);
            Assert.True(expected.SetEquals(byUid.Keys), "Some delivered ids are not the ids of the published records, or some records are missing.");

            output.WriteLine($"{byUid.Count} distinct events, {replayed} delivered twice after the restart.");

            // At most the batches in flight at the kill are delivered twice: a few per partition.
            Assert.InRange(replayed, 0, Partitions * 2 * RecordsPerMessage * 4);
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
            if (File.Exists(path))
            {
                var lines = EventHubBacklog.CountLines(path);
                if (lines >= atLeast)
                {
                    return lines;
                }
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"The events file never reached {atLeast} lines.");
    }
}
