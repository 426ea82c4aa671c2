using DefenderConnector.IntegrationTests.Emulator;
using DefenderConnector.IntegrationTests.EventHub;
using DefenderConnector.IntegrationTests.Support;
using Microsoft.Data.Sqlite;

namespace DefenderConnector.IntegrationTests.Robustness;

/// <summary>
/// State faults are detected and explained: a lost database is not silently replayed, a checkpoint
/// beyond a re-created hub's tail does not skip its events, and a damaged or locked database is one
/// line naming state.path (no stack trace) through the CLI.
/// </summary>
public sealed class StateFaultTests
{
    [Fact]
    public async Task A_checkpoint_beyond_the_tail_of_a_re_created_hub_restarts_from_earliest_and_is_reported()
    {
        var (old, key) = await TestEmulator.StartAsync(o => o.PartitionCount = 1);
        await using var harness = ConnectorHarness.ForEmulator(old.Port, key);
        await using (old)
        {
            for (var i = 0; i < 6; i++)
            {
                old.Publish("0", DefenderRecords.Envelope(i, 1));
            }

            Assert.Equal(6, (await harness.PullAsync()).EventsDelivered);
        }

        // The hub is deleted and created again: sequence numbers start over at 0.
        var (recreated, _) = await TestEmulator.StartAsync(o =>
        {
            o.PartitionCount = 1;
            o.Policies[TestEmulator.Policy] = key;
        });
        await using var __ = recreated;
        var first = recreated.Publish("0", DefenderRecords.Envelope(100, 2));
        var second = recreated.Publish("0", DefenderRecords.Envelope(102, 1));
        await harness.Connector!.DisposeAsync();
        harness.EventHub["port"] = recreated.Port;
        harness.Sink.Clear();
        harness.Create();

        var summary = await harness.PullAsync();

        Assert.Null(summary.Error);
        Assert.Equal(3, summary.EventsDelivered);
        Assert.Equal(new[] { harness.Uid("0", first, 0), harness.Uid("0", first, 1), harness.Uid("0", second, 0) }.Order(), harness.DeliveredByUid().Keys.Order());
        Assert.Contains(summary.Facts, f => f.Value.Contains("beyond the partition's last event", StringComparison.Ordinal));
        Assert.Contains(harness.Logs.Lines, l => l.Contains("beyond the partition's last event", StringComparison.Ordinal));
        Assert.Equal(second, (await harness.CheckpointAsync("0"))?.SequenceNumber);
    }

    [Fact]
    public async Task A_deleted_state_database_is_reported_not_replayed_unless_onMissing_is_restart()
    {
        var (emulator, key) = await TestEmulator.StartAsync(o => o.PartitionCount = 1);
        await using var _ = emulator;
        emulator.Publish("0", DefenderRecords.Envelope(1, 3));
        using var folder = new TempFolder();
        var settings = folder.Settings(emulator.Port, string.Empty);
        var environment = new Dictionary<string, string> { ["DC_STATE_KEY"] = key };

        var (exit, stdout, stderr) = await HostProcess.RunAsync(["pull", "--config", settings], environment, workingDirectory: folder.Path);
        Assert.True(exit == 0, stdout + stderr);
        foreach (var file in Directory.GetFiles(folder.Path, "state.db*").Where(f => !f.EndsWith(".marker", StringComparison.Ordinal)))
        {
            File.Delete(file);
        }

        (exit, stdout, stderr) = await HostProcess.RunAsync(["pull", "--config", settings], environment, workingDirectory: folder.Path);
        Assert.True(exit == 2, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("state.path", stderr, StringComparison.Ordinal);
        Assert.Contains("onMissing", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(folder.Path, "events.jsonl")).Length);

        settings = folder.Settings(emulator.Port, ", \"onMissing\": \"restart\"");
        (exit, stdout, stderr) = await HostProcess.RunAsync(["pull", "--config", settings], environment, workingDirectory: folder.Path);
        Assert.True(exit == 0, stdout + stderr);
        Assert.Equal(6, File.ReadAllLines(Path.Combine(folder.Path, "events.jsonl")).Length);
    }

    [Fact]
    public async Task A_damaged_or_locked_state_database_is_one_line_naming_state_path()
    {
        var (emulator, key) = await TestEmulator.StartAsync(o => o.PartitionCount = 1);
        await using var _ = emulator;
        emulator.Publish("0", DefenderRecords.Envelope(1, 3));
        using var folder = new TempFolder();
        var settings = folder.Settings(emulator.Port, string.Empty);
        var environment = new Dictionary<string, string> { ["DC_STATE_KEY"] = key };
        var database = Path.Combine(folder.Path, "state.db");

        await File.WriteAllTextAsync(database, "this is not a database, it was overwritten by mistake. " + new string('x', 4096));
        var (exit, stdout, stderr) = await HostProcess.RunAsync(["pull", "--config", settings], environment, workingDirectory: folder.Path);
        Assert.True(exit == 2, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("state.path", stderr, StringComparison.Ordinal);
        Assert.Contains("damaged", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);

        File.Delete(database);
        (exit, stdout, stderr) = await HostProcess.RunAsync(["pull", "--config", settings], environment, workingDirectory: folder.Path);
        Assert.True(exit == 0, stdout + stderr);

        // Another process holds a write lock on the database for longer than the connector waits.
        emulator.Publish("0", DefenderRecords.Envelope(9, 1));
        await using (var holder = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            holder.Open();
            using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE;";
                begin.ExecuteNonQuery();
            }

            (exit, stdout, stderr) = await HostProcess.RunAsync(["pull", "--config", settings], environment, workingDirectory: folder.Path);
        }

        Assert.True(exit is 2 or 4, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("state.path", stdout + stderr, StringComparison.Ordinal);
        Assert.Contains("another process holds it", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("dc-state-").FullName;

        public string Settings(int port, string stateExtra)
        {
            var file = System.IO.Path.Combine(Path, "settings.json");
            File.WriteAllText(file, $$"""
                {
                  "eventHub": { "namespace": "127.0.0.1", "port": {{port}}, "transport": "amqp", "hubName": "{{TestEmulator.Hub}}",
                                "sasPolicyName": "{{TestEmulator.Policy}}", "sasKey": "env:DC_STATE_KEY" },
                  "output": { "path": "events.jsonl" },
                  "state": { "path": "state.db"{{stateExtra}} }
                }
                """);
            return file;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
