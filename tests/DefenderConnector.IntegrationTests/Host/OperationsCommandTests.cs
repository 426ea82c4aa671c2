using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DefenderConnector.IntegrationTests.Support;
using DefenderConnector.Mapping;
using Microsoft.Data.Sqlite;

namespace DefenderConnector.IntegrationTests.Host;

/// <summary>
/// <c>status</c> and <c>dead-letters</c> as a user runs them, after a real pull from the emulator with bad messages:
/// their output against golden files (times and the temporary folder normalized), and a re-drive after a fix
/// delivering a dead letter once, marking it done, and delivering nothing the second time.
/// </summary>
public sealed partial class OperationsCommandTests
{
    private const string Hub = "ops";
    private const string KeyVariable = "DC_OPS_KEY";

    private static string Golden => Path.Combine(RepoPaths.Root, "tests", "DefenderConnector.IntegrationTests", "Host", "Golden", "Operations");

    [Fact]
    public async Task Status_and_dead_letters_print_what_the_state_holds_and_a_redrive_after_a_fix_delivers_once()
    {
        await using var backlog = await EventHubBacklog.StartAsync(Hub, partitions: 2, messagesPerPartition: 3, recordsPerMessage: 2, "t-ops");
        backlog.Emulator.Publish("0", "this is not JSON\u0001"u8.ToArray());
        backlog.Emulator.Publish("0", """{"records":"not an array"}"""u8.ToArray());
        var folder = Directory.CreateTempSubdirectory("dc-ops-").FullName;
        try
        {
            var settings = Path.Combine(folder, "settings.json");
            var events = Path.Combine(folder, "events.jsonl");
            var environment = await backlog.WriteSettingsAsync(settings, KeyVariable, "\"batchMessages\": 10");
            var (pullExit, pullOut, pullErr) = await HostProcess.RunAsync(["pull", "--config", settings], environment, TimeSpan.FromMinutes(3), folder);
            Assert.True(pullExit == 0, pullOut + pullErr);
            Assert.Equal(12, EventHubBacklog.CountLines(events));

            // A body a defect (since fixed) could not read: stored as the pull would have stored it.
            var records = File.ReadLines(Path.Combine(RepoPaths.Samples, "defender-records.jsonl")).Take(2);
            var fixedBody = Encoding.UTF8.GetBytes("{\"records\":[" + string.Join(",", records) + "]}");
            InsertDeadLetter(Path.Combine(folder, "state.db"), partition: "1", sequence: 99, fixedBody);

            await AssertGoldenAsync("status.txt", ["status", "--config", settings], environment, folder, backlog.Emulator.Port);
            await AssertGoldenAsync("status.json", ["status", "--config", settings, "--json"], environment, folder, backlog.Emulator.Port);
            await AssertGoldenAsync("list.txt", ["dead-letters", "list", "--config", settings], environment, folder, backlog.Emulator.Port);
            await AssertGoldenAsync("show-text.txt", ["dead-letters", "show", "2", "--config", settings], environment, folder, backlog.Emulator.Port);
            await AssertGoldenAsync("show-hex.txt", ["dead-letters", "show", "1", "--hex", "--config", settings], environment, folder, backlog.Emulator.Port);

            var export = Path.Combine(folder, "dead.jsonl");
            var (exportExit, _, exportErr) = await HostProcess.RunAsync(["dead-letters", "export", "--config", settings, "--to", export], environment, TimeSpan.FromMinutes(2), folder);
            Assert.True(exportExit == 0, exportErr);
            var exported = File.ReadAllLines(export).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
            Assert.Equal([1L, 2L, 3L], exported.Select(e => e.GetProperty("id").GetInt64()));
            Assert.Equal("this is not JSON\u0001"u8.ToArray(), exported[0].GetProperty("raw").GetBytesFromBase64());

            // The re-drive: the fixed letter maps now and is delivered; the others still fail and stay open.
            await AssertGoldenAsync("redrive.txt", ["dead-letters", "redrive", "--all", "--config", settings], environment, folder, backlog.Emulator.Port, expectedExit: 7);
            var uids = File.ReadAllLines(events).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("metadata").GetProperty("uid").GetString()!).ToList();
            Assert.Equal(14, uids.Count);
            for (var record = 0; record < 2; record++)
            {
                Assert.Single(uids, EventUid.ForEventHubRecord("127.0.0.1", Hub, "1", 99, record));
            }

            // Done means done: a second re-drive of it delivers nothing.
            var (again, againOut, _) = await HostProcess.RunAsync(["dead-letters", "redrive", "--id", "3", "--config", settings], environment, TimeSpan.FromMinutes(2), folder);
            Assert.Equal(0, again);
            Assert.Contains("3: skipped: already delivered by a re-drive", againOut, StringComparison.Ordinal);
            Assert.Equal(14, EventHubBacklog.CountLines(events));
            await AssertGoldenAsync("list-all.txt", ["dead-letters", "list", "--all", "--config", settings], environment, folder, backlog.Emulator.Port);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task AssertGoldenAsync(string name, string[] arguments, Dictionary<string, string> environment, string folder, int port, int expectedExit = 0)
    {
        var (exit, stdout, stderr) = await HostProcess.RunAsync(arguments, environment, TimeSpan.FromMinutes(2), folder);
        Assert.True(exit == expectedExit, $"{string.Join(' ', arguments)} exited {exit}.\n{stdout}\n{stderr}");
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

    private static void InsertDeadLetter(string database, string partition, long sequence, byte[] raw)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO dead_letters (source, stream, partition, sequence_number, offset, record_index, reason, detail, raw, at)
            SELECT 'eventhub', stream, $p, $s, '4242', NULL, 'Unreadable', 'The reader failed on this body (a defect since fixed).', $raw, '2026-11-30T08:00:00.0000000+00:00'
            FROM checkpoints LIMIT 1;
            """;
        command.Parameters.AddWithValue("$p", partition);
        command.Parameters.AddWithValue("$s", sequence);
        command.Parameters.AddWithValue("$raw", raw);
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    [GeneratedRegex(@"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d+)?(Z|\+00:00)")]
    private static partial Regex Times();
}
