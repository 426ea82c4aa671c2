using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using DefenderConnector.IntegrationTests.Support;
using DefenderConnector.Mapping;
using Xunit.Abstractions;

namespace DefenderConnector.IntegrationTests.ScaleOut;

/// <summary>
/// Three connector processes share one hub of 8 partitions and a backlog of 100,000 records through the
/// Blob checkpoint store on Azurite: once balanced every partition has one owner and each instance holds
/// 2 or 3; one instance is SIGKILLed, its partitions are taken over when its ownership expires, and the
/// union of the three outputs holds every record, duplicates only where a partition changed owner, each
/// with the same <c>metadata.uid</c> and bytes as its first delivery.
/// </summary>
public sealed partial class ScaleOutTests(ITestOutputHelper output)
{
    private const int Partitions = 8;
    private const int MessagesPerPartition = 1250;
    private const int RecordsPerMessage = 10;
    private const int BatchMessages = 5;

    [Fact]
    public async Task ThreeInstancesShareTheHubAndTakeOverAKilledOne()
    {
        await using var azurite = await Azurite.StartAsync();
        await using var backlog = await EventHubBacklog.StartAsync("scale", Partitions, MessagesPerPartition, RecordsPerMessage, "t-scale");
        var root = Directory.CreateTempSubdirectory("dc-scale-").FullName;
        var stream = SharedStoreSettings.Stream(backlog);
        var instances = new List<HostProcess>();
        try
        {
            var folders = Enumerable.Range(0, 3).Select(i => Path.Combine(root, $"instance-{i}")).ToArray();
            Dictionary<string, string> environment = [];
            foreach (var folder in folders)
            {
                // Paced (2,000 events a pull, a pull a second) so the backlog outlasts balancing and the take-over.
                environment = await SharedStoreSettings.WriteAsync(folder, backlog, azurite,
                    $"\"pullInterval\": \"1s\", \"maxEventsPerPull\": 2000, \"batchMessages\": {BatchMessages}",
                    "\"strategy\": \"balanced\", \"updateInterval\": \"1s\", \"ownershipExpiry\": \"6s\"");
            }

            foreach (var folder in folders)
            {
                instances.Add(HostProcess.Start(["run", "--config", Path.Combine(folder, "settings.json")], environment, folder));
            }

            var changed = new HashSet<string>(StringComparer.Ordinal);
            var history = new OwnershipHistory(azurite, stream, changed);

            var ids = await OwnerIdsAsync(instances);
            var balanced = await history.WaitAsync(o => Balanced(o, ids.Values, 3), TimeSpan.FromMinutes(3), "three instances never held 2 or 3 partitions each");
            var linesAtBalance = folders.Sum(f => EventHubBacklog.CountLines(Path.Combine(f, "events.jsonl")));
            output.WriteLine($"Balanced with {linesAtBalance} events delivered: {Describe(balanced, ids)}");
            Assert.True(linesAtBalance < backlog.Total / 2, $"{linesAtBalance} of {backlog.Total} events were delivered before the instances balanced; nothing would be left to take over.");

            var victim = instances[0];
            var victimId = ids[victim.Id];
            var victimPartitions = balanced.Where(o => o.Value == victimId).Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
            victim.Kill();
            output.WriteLine($"SIGKILLed instance 0 (owner {victimId}) holding partitions {string.Join(",", victimPartitions.Order())}.");

            var survivors = ids.Where(i => i.Key != victim.Id).Select(i => i.Value).ToArray();
            var takenOver = await history.WaitAsync(o => Balanced(o, survivors, 2), TimeSpan.FromMinutes(3), "the survivors never took over the killed instance's partitions");
            output.WriteLine($"Taken over: {Describe(takenOver, ids)}");

            var expected = backlog.ExpectedUids();
            await WaitForAllAsync(folders, expected.Count, TimeSpan.FromMinutes(5));
            await history.StopAsync();
            foreach (var survivor in instances.Skip(1))
            {
                using (var term = System.Diagnostics.Process.Start("kill", ["-TERM", survivor.Id.ToString(CultureInfo.InvariantCulture)]))
                {
                    await term!.WaitForExitAsync();
                }

                Assert.Equal(0, await survivor.WaitForExitAsync(TimeSpan.FromMinutes(2)));
            }

            // Shut down cleanly, the survivors gave their partitions back.
            Assert.All(await azurite.OwnersAsync(SharedStoreSettings.Container, stream), o => Assert.Equal(string.Empty, o.Value));

            // The watcher polls the blobs: an owner that held a partition for less than a poll, or before the
            // watcher's first look (the start, when every instance claims greedily), shows only in the
            // instances' own logs, where every successful claim is written.
            changed.UnionWith(ClaimedByMoreThanOne(instances));

            var partitionOf = PartitionOfUid(backlog);
            var first = new Dictionary<string, string>(StringComparer.Ordinal);
            var duplicates = 0;
            var victimDuplicates = 0;
            foreach (var folder in folders)
            {
                foreach (var line in File.ReadLines(Path.Combine(folder, "events.jsonl")))
                {
                    using var document = JsonDocument.Parse(line);
                    var uid = document.RootElement.GetProperty("metadata").GetProperty("uid").GetString()!;
                    if (!first.TryAdd(uid, line))
                    {
                        duplicates++;
                        Assert.Equal(first[uid], line);
                        var partition = partitionOf[uid];
                        Assert.True(changed.Contains(partition), $"A record of partition {partition}, which never changed owner, was delivered twice.");
                        victimDuplicates += victimPartitions.Contains(partition) ? 1 : 0;
                    }
                }
            }

            Assert.True(expected.SetEquals(first.Keys), "The union of the outputs is not exactly the published records.");
            output.WriteLine($"{first.Count} distinct events; {duplicates} delivered twice ({victimDuplicates} on the killed instance's partitions); partitions that changed owner: {string.Join(",", changed.Order())}.");

            // At most a few unconfirmed batches per handover: each batch is BatchMessages messages.
            Assert.InRange(duplicates, 0, changed.Count * 4 * BatchMessages * RecordsPerMessage);
        }
        finally
        {
            foreach (var instance in instances)
            {
                if (instance.StandardError.Length > 0)
                {
                    output.WriteLine($"--- instance pid {instance.Id} log (tail) ---\n{Tail(instance.StandardError)}\n--- its summaries (tail) ---\n{Tail(instance.StandardOutput)}");
                }

                instance.Dispose();
            }

            Directory.Delete(root, recursive: true);
        }
    }

    private static bool Balanced(Dictionary<string, string> owners, IEnumerable<string> instances, int count)
    {
        var ids = instances.ToHashSet(StringComparer.Ordinal);
        if (owners.Count != Partitions || owners.Values.Any(o => !ids.Contains(o)))
        {
            return false;
        }

        var held = ids.Select(id => owners.Values.Count(o => o == id)).ToArray();
        return held.All(h => h >= Partitions / count && h <= (Partitions + count - 1) / count);
    }

    /// <summary>Each process's owner id, from the line it logs when it opens the store.</summary>
    private static async Task<Dictionary<int, string>> OwnerIdsAsync(List<HostProcess> instances)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            var ids = new Dictionary<int, string>();
            foreach (var instance in instances)
            {
                if (OwnerIdLine().Match(instance.StandardError) is { Success: true } match)
                {
                    ids[instance.Id] = match.Groups[1].Value;
                }
            }

            if (ids.Count == instances.Count)
            {
                return ids;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("Not every instance logged its owner id.");
    }

    private static async Task WaitForAllAsync(string[] folders, int total, TimeSpan timeout)
    {
        var uids = new OutputUids();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            uids.Update(folders.Select(f => Path.Combine(f, "events.jsonl")));
            if (uids.Distinct.Count >= total)
            {
                return;
            }

            await Task.Delay(1000);
        }

        throw new TimeoutException($"The instances delivered {uids.Distinct.Count} of {total} records between them.");
    }

    private static Dictionary<string, string> PartitionOfUid(EventHubBacklog backlog)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var p = 0; p < backlog.Partitions; p++)
        {
            var partition = p.ToString(CultureInfo.InvariantCulture);
            for (var seq = 0; seq < backlog.MessagesPerPartition; seq++)
            {
                for (var r = 0; r < backlog.RecordsPerMessage; r++)
                {
                    map[EventUid.ForEventHubRecord("127.0.0.1", backlog.Hub, partition, seq, r)] = partition;
                }
            }
        }

        return map;
    }

    private static string Describe(Dictionary<string, string> owners, Dictionary<int, string> ids) =>
        string.Join("; ", ids.Select(i => $"pid {i.Key}: {string.Join(",", owners.Where(o => o.Value == i.Value).Select(o => o.Key).Order())}"));

    private static string Tail(string text) => text.Length <= 6000 ? text : text[^6000..];

    private static IEnumerable<string> ClaimedByMoreThanOne(IEnumerable<HostProcess> instances) =>
        instances
            .SelectMany(instance => ClaimLine().Matches(instance.StandardError).Select(claim => (Partition: claim.Groups[1].Value, Instance: instance.Id)))
            .GroupBy(claim => claim.Partition)
            .Where(claims => claims.Select(claim => claim.Instance).Distinct().Count() > 1)
            .Select(claims => claims.Key);

    [GeneratedRegex(@"partition (\d+) claimed by this instance")]
    private static partial Regex ClaimLine();

    [GeneratedRegex("this instance's owner id is ([0-9a-f-]{36})")]
    private static partial Regex OwnerIdLine();

}
