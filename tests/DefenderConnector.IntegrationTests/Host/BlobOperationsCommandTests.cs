using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs.Models;
using DefenderConnector.Checkpoints;
using DefenderConnector.Checkpoints.Blob;
using DefenderConnector.IntegrationTests.ScaleOut;
using DefenderConnector.IntegrationTests.Support;
using DefenderConnector.Mapping;

namespace DefenderConnector.IntegrationTests.Host;

/// <summary>
/// <c>status</c> and <c>dead-letters</c> with the Blob checkpoint store on Azurite: after a real pull from the emulator
/// with bad messages they show the container's checkpoints, last pull and dead letters (golden output), a re-drive
/// delivers a fixed letter once and marks it done in the container, and two stores re-driving the same letter at once
/// let only one of them deliver it.
/// </summary>
public sealed partial class BlobOperationsCommandTests
{
    private static string Golden => Path.Combine(RepoPaths.Root, "tests", "DefenderConnector.IntegrationTests", "Host", "Golden", "BlobOperations");

    [Fact]
    public async Task Status_and_dead_letters_read_the_blob_store_and_a_redrive_delivers_once()
    {
        await using var azurite = await Azurite.StartAsync();
        await using var backlog = await EventHubBacklog.StartAsync("blobops", partitions: 2, messagesPerPartition: 3, recordsPerMessage: 2, "t-blobops");
        backlog.Emulator.Publish("0", "this is not JSON\u0001"u8.ToArray());
        backlog.Emulator.Publish("0", """{"records":"not an array"}"""u8.ToArray());
        var container = azurite.Container(SharedStoreSettings.Container);
        await container.CreateIfNotExistsAsync();
        var folder = Directory.CreateTempSubdirectory("dc-blobops-").FullName;
        try
        {
            var settings = Path.Combine(folder, "settings.json");
            var events = Path.Combine(folder, "events.jsonl");
            var environment = await SharedStoreSettings.WriteAsync(folder, backlog, azurite, "\"batchMessages\": 10", "\"updateInterval\": \"1s\", \"ownershipExpiry\": \"5s\"");
            var (pullExit, pullOut, pullErr) = await HostProcess.RunAsync(["pull", "--config", settings], environment, TimeSpan.FromMinutes(3), folder);
            Assert.True(pullExit == 0, pullOut + pullErr);
            Assert.Equal(12, EventHubBacklog.CountLines(events));

            // A body a defect (since fixed) could not read, stored in the container as a pull would have stored it.
            var records = File.ReadLines(Path.Combine(RepoPaths.Samples, "defender-records.jsonl")).Take(2);
            var fixedBody = Encoding.UTF8.GetBytes("{\"records\":[" + string.Join(",", records) + "]}");
            var stored = new DeadLetter("eventhub", SharedStoreSettings.Stream(backlog), "1", 99, "4242", null, DeadLetterReasons.Unreadable, "The reader failed on this body (a defect since fixed).", fixedBody, DateTimeOffset.UtcNow.AddHours(1));
            var document = JsonSerializer.SerializeToUtf8Bytes(
                new DeadLetterDocument(stored.Source, stored.Stream, stored.Partition, stored.SequenceNumber, stored.Offset, stored.RecordIndex, stored.Reason, stored.Detail, fixedBody, stored.At),
                DeadLetterDocumentContext.Default.DeadLetterDocument);
            await container.GetBlobClient(BlobNames.DeadLetter(stored, Guid.NewGuid().ToString("N")))
                .UploadAsync(new BinaryData(document), new BlobUploadOptions { Metadata = new Dictionary<string, string> { [BlobNames.ReasonKey] = stored.Reason } });

            await AssertGoldenAsync("status.txt", ["status", "--config", settings], environment, folder, backlog.Emulator.Port);
            await AssertGoldenAsync("list.txt", ["dead-letters", "list", "--config", settings], environment, folder, backlog.Emulator.Port);

            // Neither the pull nor the commands opened the local state file: what they showed came from the container.
            Assert.False(File.Exists(Path.Combine(folder, "state.db")), "status opened the SQLite state although checkpointStore is blob");

            await AssertGoldenAsync("redrive.txt", ["dead-letters", "redrive", "--all", "--config", settings], environment, folder, backlog.Emulator.Port, expectedExit: 7);
            var uids = File.ReadAllLines(events).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("metadata").GetProperty("uid").GetString()!).ToList();
            Assert.Equal(14, uids.Count);
            for (var record = 0; record < 2; record++)
            {
                Assert.Single(uids, EventUid.ForEventHubRecord("127.0.0.1", backlog.Hub, "1", 99, record));
            }

            var marked = 0;
            await foreach (var blob in container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, BlobNames.DeadLetterPrefix, default))
            {
                marked += blob.Metadata.ContainsKey(BlobNames.DoneKey) ? 1 : 0;
            }

            Assert.Equal(1, marked);

            // Done means done: a second re-drive delivers nothing.
            var (again, againOut, againErr) = await HostProcess.RunAsync(["dead-letters", "redrive", "--id", "3", "--config", settings], environment, TimeSpan.FromMinutes(2), folder);
            Assert.True(again == 0, againOut + againErr);
            Assert.Contains("3: skipped: already delivered by a re-drive", againOut, StringComparison.Ordinal);
            Assert.Equal(14, EventHubBacklog.CountLines(events));
            await AssertGoldenAsync("list-all.txt", ["dead-letters", "list", "--all", "--config", settings], environment, folder, backlog.Emulator.Port);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Two_stores_redriving_the_same_dead_letter_let_only_one_claim_it()
    {
        await using var azurite = await Azurite.StartAsync();
        var container = azurite.Container("race");
        await container.CreateIfNotExistsAsync();
        var at = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        var first = new BlobStateStore(container, TimeSpan.Zero, TimeProvider.System);
        var second = new BlobStateStore(container, TimeSpan.Zero, TimeProvider.System);
        await first.CommitAsync(new StateCommit([], [], [new DeadLetter("eventhub", "ns/hub/$default", "0", 5, "5", null, DeadLetterReasons.NotJson, "not JSON", "x"u8.ToArray(), at)]), default);

        var seenByFirst = Assert.Single(await first.ReadStoredDeadLettersAsync(includeDone: false, default));
        var seenBySecond = Assert.Single(await second.ReadStoredDeadLettersAsync(includeDone: false, default));
        Assert.Equal(seenByFirst.Id, seenBySecond.Id);

        Assert.True(await first.TryClaimDeadLetterAsync(seenByFirst.Id, at, default));
        Assert.False(await second.TryClaimDeadLetterAsync(seenBySecond.Id, at, default));
        Assert.False(await second.MarkDeadLetterDoneAsync(seenBySecond.Id, at, default));
        Assert.True(await first.MarkDeadLetterDoneAsync(seenByFirst.Id, at.AddSeconds(1), default));

        Assert.Empty(await second.ReadStoredDeadLettersAsync(includeDone: false, default));
        var done = Assert.Single(await second.ReadStoredDeadLettersAsync(includeDone: true, default));
        Assert.Equal(at.AddSeconds(1), done.DoneAt);
        Assert.False(await second.TryClaimDeadLetterAsync(done.Id, at.AddHours(1), default));
    }

    private static async Task AssertGoldenAsync(string name, string[] arguments, Dictionary<string, string> environment, string folder, int port, int expectedExit = 0)
    {
        var (exit, stdout, stderr) = await HostProcess.RunAsync(arguments, environment, TimeSpan.FromMinutes(2), folder);
        Assert.True(exit == expectedExit, $"{string.Join(' ', arguments)} exited {exit}.\n{stdout}\n{stderr}");
        Assert.DoesNotContain("NotSupportedException", stdout + stderr, StringComparison.Ordinal);
        var actual = Times().Replace(stdout.Replace(folder, "<folder>", StringComparison.Ordinal), "<time>")
            .Replace(port.ToString(CultureInfo.InvariantCulture), "<port>", StringComparison.Ordinal);
        var path = Path.Combine(Golden, name);
        if (!File.Exists(path))
        {
            await File.WriteAllTextAsync(path, actual);
            Assert.Fail($"Wrote the missing golden file {name}; check it and run again.");
        }

        Assert.Equal(await File.ReadAllTextAsync(path), actual);
    }

    [GeneratedRegex(@"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d+)?(Z|\+00:00)")]
    private static partial Regex Times();
}
