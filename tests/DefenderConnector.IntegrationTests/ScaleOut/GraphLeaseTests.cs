using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using DefenderConnector.IntegrationTests.Graph;
using DefenderConnector.IntegrationTests.Support;
using Xunit.Abstractions;

namespace DefenderConnector.IntegrationTests.ScaleOut;

/// <summary>
/// Two instances with the Graph source and the Blob store on Azurite: one holds the poller lease and
/// polls, the other stands by; the poller is SIGKILLed, the other takes the lease when it expires and
/// continues from the shared cursor: every incident is delivered, none is missing, and only incidents
/// within the overlap window of the last cursor are delivered by both.
/// </summary>
public sealed class GraphLeaseTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TheStandbyInstanceTakesOverTheGraphLeaseWithoutGapOrDuplicateBeyondTheOverlap()
    {
        await using var azurite = await Azurite.StartAsync();
        await using var graph = (await GraphTestbed.StartAsync()).GrantGraphRoles();
        var now = DateTimeOffset.UtcNow;
        var overlap = TimeSpan.FromMinutes(2);
        var first = Batch(graph, "a", now.AddMinutes(-60), 5);
        var folders = new[] { "poller", "standby" }.Select(n => Path.Combine(graph.Directory, n)).ToArray();
        var environment = new Dictionary<string, string>(graph.Environment) { [SharedStoreSettings.StorageVariable] = azurite.ConnectionString };
        foreach (var folder in folders)
        {
            Directory.CreateDirectory(folder);
            var root = new JsonObject
            {
                ["graph"] = graph.GraphSection(g =>
                {
                    g["pullInterval"] = "10s";
                    g["overlap"] = "2m";
                    g["initialLookback"] = "1d";
                    g["trustedCertificate"] = Path.Combine(graph.Directory, "emulator.pem");
                }),
                ["checkpointStore"] = new JsonObject
                {
                    ["type"] = "blob", ["connectionString"] = $"env:{SharedStoreSettings.StorageVariable}", ["container"] = SharedStoreSettings.Container,
                    ["loadBalancing"] = new JsonObject { ["updateInterval"] = "1s", ["ownershipExpiry"] = "5s" },
                },
                ["output"] = new JsonObject { ["path"] = "events.jsonl" },
                ["state"] = new JsonObject { ["path"] = "state.db" },
            };
            await File.WriteAllTextAsync(Path.Combine(folder, "settings.json"), root.ToJsonString());
        }

        using var poller = HostProcess.Start(["run", "--config", Path.Combine(folders[0], "settings.json")], environment, folders[0]);
        await WaitAsync(() => Delivered(folders[0], first) == first.Count, "the first instance never delivered the first incidents", poller);

        using var standby = HostProcess.Start(["run", "--config", Path.Combine(folders[1], "settings.json")], environment, folders[1]);
        await WaitAsync(() => standby.StandardOutput.Contains("lease: held by another instance", StringComparison.Ordinal), "the second instance never reported standing by", standby);

        var second = Batch(graph, "b", now.AddMinutes(-30), 5);
        await WaitAsync(() => Delivered(folders[0], second) == second.Count, "the poller never delivered the second incidents", poller);
        Assert.Equal(0, Delivered(folders[1], first) + Delivered(folders[1], second));

        poller.Kill();
        var third = Batch(graph, "c", now.AddMinutes(-10), 5);
        await WaitAsync(() => Delivered(folders[1], third) == third.Count, "the standby never took over", standby);
        using (var term = Process.Start("kill", ["-TERM", standby.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term!.WaitForExitAsync();
        }

        Assert.Equal(0, await standby.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        output.WriteLine(standby.StandardOutput.Length > 4000 ? standby.StandardOutput[^4000..] : standby.StandardOutput);

        // No gap: every incident reached one output or the other. No duplicate beyond the overlap: the
        // standby re-read only what lies within the overlap before the poller's last cursor (the second batch).
        Assert.All(first.Concat(second).Concat(third), id => Assert.True(Delivered(folders[0], [id]) + Delivered(folders[1], [id]) > 0, $"incident {id} was never delivered"));
        Assert.Equal(0, Delivered(folders[1], first));
        Assert.Equal(0, Delivered(folders[0], third));
        output.WriteLine($"The standby delivered {Delivered(folders[1], second)} of the poller's last {second.Count} incidents again (within the {overlap.TotalMinutes:0}-minute overlap).");
    }

    private static List<string> Batch(GraphTestbed graph, string name, DateTimeOffset at, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var id = $"90{name}{i}".Replace("a", "1", StringComparison.Ordinal).Replace("b", "2", StringComparison.Ordinal).Replace("c", "3", StringComparison.Ordinal);
            graph.Emulator.Data.UpsertIncident(id, at.AddSeconds(i), title: $"Lease incident {id}");
            ids.Add(id);
        }

        return ids;
    }

    /// <summary>How many of the incidents appear in the folder's events file.</summary>
    private static int Delivered(string folder, IReadOnlyList<string> ids)
    {
        var path = Path.Combine(folder, "events.jsonl");
        if (!File.Exists(path))
        {
            return 0;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var text = new StreamReader(stream).ReadToEnd();
        return ids.Count(id => text.Contains($"Lease incident {id}\"", StringComparison.Ordinal));
    }

    private static async Task WaitAsync(Func<bool> condition, string failure, HostProcess process)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{failure}.\n{process.StandardOutput}\n{process.StandardError}");
            await Task.Delay(200);
        }
    }
}
