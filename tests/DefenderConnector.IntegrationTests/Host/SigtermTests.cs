using System.Diagnostics;
using System.Text.Json;
using DefenderConnector.IntegrationTests.Support;
using Xunit.Abstractions;

namespace DefenderConnector.IntegrationTests.Host;

/// <summary>
/// SIGTERM in the middle of a pull: <c>run</c> finishes or abandons the batch in flight without
/// committing it, prints its summary and exits 0; a later pull delivers every record.
/// </summary>
public sealed class SigtermTests(ITestOutputHelper output)
{
    private const int Partitions = 2;
    private const int MessagesPerPartition = 1500;
    private const int RecordsPerMessage = 10;
    private const string Hub = "sigterm";

    [Fact]
    public async Task Run_stops_cleanly_on_SIGTERM_mid_pull_with_a_summary_and_exit_0_and_loses_nothing()
    {
        await using var backlog = await EventHubBacklog.StartAsync(Hub, Partitions, MessagesPerPartition, RecordsPerMessage, "t-term");

        var folder = Directory.CreateTempSubdirectory("dc-sigterm-").FullName;
        try
        {
            var settings = Path.Combine(folder, "settings.json");
            var events = Path.Combine(folder, "events.jsonl");
            var environment = await backlog.WriteSettingsAsync(settings, "DC_TERM_KEY", "\"batchMessages\": 2");
            var total = backlog.Total;

            using (var run = HostProcess.Start(["run", "--config", settings], environment, folder))
            {
                using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
                {
                    while (EventHubBacklog.CountLines(events) < 1000)
                    {
                        await Task.Delay(10, timeout.Token);
                    }
                }

                using (var term = Process.Start("kill", ["-TERM", run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                {
                    await term.WaitForExitAsync();
                }

                var exit = await run.WaitForExitAsync(TimeSpan.FromMinutes(2));
                var lines = EventHubBacklog.CountLines(events);
                output.WriteLine($"SIGTERM at about 1000 lines; run exited {exit} with {lines} of {total} lines.\n{run.StandardOutput}");
                Assert.True(exit == 0, $"run exited {exit} after SIGTERM.\n{run.StandardOutput}\n{run.StandardError}");
                Assert.True(lines < total, "The pull finished before SIGTERM arrived; nothing was tested.");
                Assert.Contains("Pull of eventhub: Cancelled", run.StandardOutput, StringComparison.Ordinal);
                Assert.Contains("Stopped after", run.StandardOutput, StringComparison.Ordinal);
                Assert.DoesNotContain("   at ", run.StandardOutput + run.StandardError, StringComparison.Ordinal);
            }

            var (pullExit, stdout, stderr) = await HostProcess.RunAsync(["pull", "--config", settings], environment, TimeSpan.FromMinutes(3), folder);
            Assert.True(pullExit == 0, stdout + stderr);

            var uids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var line in await File.ReadAllLinesAsync(events))
            {
                using var document = JsonDocument.Parse(line);
                uids.Add(document.RootElement.GetProperty("metadata").GetProperty("uid").GetString()!);
            }

            foreach (var uid in backlog.ExpectedUids())
            {
                Assert.Contains(uid, uids);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
