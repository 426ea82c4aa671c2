using DefenderConnector.IntegrationTests.Support;
using Xunit.Abstractions;

namespace DefenderConnector.IntegrationTests.ScaleOut;

/// <summary>
/// Two one-shot <c>pull</c> processes started together on one hub with the Blob store, balancing every
/// second so that cycles run while they read: between them they deliver the whole backlog in the one
/// pull each, and both give their partitions back. (A background cycle used to claim partitions after its
/// pull's reads had ended, so records were left for the next pull while both reported "caught up".)
/// </summary>
public sealed class OneShotPullTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TwoOneShotPullsStartedTogetherDeliverTheWholeBacklog()
    {
        await using var azurite = await Azurite.StartAsync();
        await using var backlog = await EventHubBacklog.StartAsync("oneshot", 8, 400, 10, "t-oneshot");
        var root = Directory.CreateTempSubdirectory("dc-oneshot-").FullName;
        try
        {
            var folders = Enumerable.Range(0, 2).Select(i => Path.Combine(root, $"instance-{i}")).ToArray();
            Dictionary<string, string> environment = [];
            foreach (var folder in folders)
            {
                environment = await SharedStoreSettings.WriteAsync(folder, backlog, azurite, "\"batchMessages\": 5", "\"updateInterval\": \"1s\", \"ownershipExpiry\": \"30s\"");
            }

            var pulls = folders.Select(f => HostProcess.RunAsync(["pull", "--config", Path.Combine(f, "settings.json")], environment, TimeSpan.FromMinutes(5), f)).ToArray();
            var results = await Task.WhenAll(pulls);
            foreach (var (exit, stdout, stderr) in results)
            {
                output.WriteLine($"exit {exit}\n{stdout}\n{stderr}");
                Assert.Equal(0, exit);
            }

            var uids = new OutputUids();
            uids.Update(folders.Select(f => Path.Combine(f, "events.jsonl")));
            var expected = backlog.ExpectedUids();
            Assert.True(expected.SetEquals(uids.Distinct), $"The two pulls delivered {uids.Distinct.Count} distinct records of {expected.Count}.");
            Assert.All(await azurite.OwnersAsync(SharedStoreSettings.Container, SharedStoreSettings.Stream(backlog)), o => Assert.Equal(string.Empty, o.Value));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
