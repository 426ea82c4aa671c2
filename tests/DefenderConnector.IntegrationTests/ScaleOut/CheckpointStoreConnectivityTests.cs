using System.Security.Cryptography;
using DefenderConnector.IntegrationTests.Support;

namespace DefenderConnector.IntegrationTests.ScaleOut;

/// <summary>test-connectivity checks the Blob checkpoint store as a hop of its own: container reachable, claims writable.</summary>
public sealed class CheckpointStoreConnectivityTests
{
    [Fact]
    public async Task TheCheckpointStoreHopPassesWhenClaimsAreWritableAndNamesTheCauseWhenNot()
    {
        await using var azurite = await Azurite.StartAsync();
        await using var backlog = await EventHubBacklog.StartAsync("probe", 2, 1, 1, "t-probe");
        var folder = Directory.CreateTempSubdirectory("dc-probe-").FullName;
        try
        {
            await azurite.Container(SharedStoreSettings.Container).CreateIfNotExistsAsync();
            var environment = await SharedStoreSettings.WriteAsync(folder, backlog, azurite, "\"batchMessages\": 16", "\"updateInterval\": \"1s\", \"ownershipExpiry\": \"5s\"");
            var settings = Path.Combine(folder, "settings.json");

            var (exit, stdout, stderr) = await HostProcess.RunAsync(["test-connectivity", "--config", settings], environment, TimeSpan.FromMinutes(2), folder);
            Assert.True(exit == 0, stdout + stderr);
            Assert.Matches(@"\[ok  \] checkpoint-store +container 'defender-checkpoints' is reachable; an ownership claim was written, renewed with its ETag and removed", stdout);
            Assert.Empty(await azurite.OwnersAsync(SharedStoreSettings.Container, "defender-connector/probes"));

            var wrongKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
            environment[SharedStoreSettings.StorageVariable] = azurite.ConnectionString.Replace(azurite.Key, wrongKey, StringComparison.Ordinal);
            (exit, stdout, stderr) = await HostProcess.RunAsync(["test-connectivity", "--config", settings], environment, TimeSpan.FromMinutes(2), folder);
            Assert.True(exit == 3, stdout + stderr);
            Assert.Contains("CheckpointStoreFailed", stdout, StringComparison.Ordinal);
            Assert.True(System.Text.RegularExpressions.Regex.IsMatch(stdout, @"\[FAIL\] checkpoint-store +checkpointStore: reaching container 'defender-checkpoints' failed \(403 [A-Za-z]+\): Storage refused the (credentials|request: check the credentials)"), stdout);
            Assert.DoesNotContain(wrongKey, stdout + stderr, StringComparison.Ordinal);
            Assert.DoesNotContain(azurite.Key, stdout + stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
