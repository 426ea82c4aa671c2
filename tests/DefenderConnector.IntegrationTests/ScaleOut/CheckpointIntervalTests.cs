using System.Text.RegularExpressions;
using DefenderConnector.IntegrationTests.Support;

namespace DefenderConnector.IntegrationTests.ScaleOut;

/// <summary>
/// <c>checkpointStore.checkpointInterval</c>: checkpoints are written at most that often, and the held-back
/// positions are written when the pull ends, so the next pull starts after everything delivered; the
/// summary's storage request count shows the saving.
/// </summary>
public sealed partial class CheckpointIntervalTests
{
    [Fact]
    public async Task HeldBackCheckpointsAreWrittenWhenThePullEndsWithFewerStorageRequests()
    {
        await using var azurite = await Azurite.StartAsync();
        await using var backlog = await EventHubBacklog.StartAsync("interval", 2, 200, 2, "t-interval");
        var root = Directory.CreateTempSubdirectory("dc-interval-").FullName;
        try
        {
            var perBatch = await PullAsync(backlog, azurite, Path.Combine(root, "per-batch"), "0s", "per-batch");
            var everyHour = await PullAsync(backlog, azurite, Path.Combine(root, "hourly"), "1h", "hourly");

            // 200 messages in batches of 4 on each of 2 partitions: a checkpoint per batch is about 100 requests more.
            Assert.True(everyHour + 80 < perBatch, $"storage requests: {perBatch} per batch, {everyHour} with a one-hour interval");
            foreach (var container in new[] { "per-batch", "hourly" })
            {
                foreach (var partition in new[] { "0", "1" })
                {
                    var blob = azurite.Container(container).GetBlobClient($"{SharedStoreSettings.Stream(backlog)}/checkpoint/{partition}");
                    Assert.Equal("199", (await blob.GetPropertiesAsync()).Value.Metadata["sequencenumber"]);
                }
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<long> PullAsync(EventHubBacklog backlog, Azurite azurite, string folder, string interval, string container)
    {
        var environment = await SharedStoreSettings.WriteAsync(folder, backlog, azurite, "\"batchMessages\": 4", "\"updateInterval\": \"1s\", \"ownershipExpiry\": \"5s\"");
        var settings = Path.Combine(folder, "settings.json");
        var text = (await File.ReadAllTextAsync(settings))
            .Replace($"\"container\": \"{SharedStoreSettings.Container}\"", $"\"container\": \"{container}\", \"checkpointInterval\": \"{interval}\"", StringComparison.Ordinal);
        await File.WriteAllTextAsync(settings, text);
        var (exit, stdout, stderr) = await HostProcess.RunAsync(["pull", "--config", settings], environment, TimeSpan.FromMinutes(3), folder);
        Assert.True(exit == 0, stdout + stderr);
        Assert.Equal(2 * 200 * 2, EventHubBacklog.CountLines(Path.Combine(folder, "events.jsonl")));
        return long.Parse(Requests().Match(stdout).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"storage requests: (\d+) \(")]
    private static partial Regex Requests();
}
