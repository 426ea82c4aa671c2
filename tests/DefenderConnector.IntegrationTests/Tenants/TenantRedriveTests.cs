using System.Text;
using System.Text.Json;
using DefenderConnector.Abstractions;
using DefenderConnector.IntegrationTests.EventHub;
using DefenderConnector.IntegrationTests.Support;
using DefenderConnector.Mapping;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace DefenderConnector.IntegrationTests.Tenants;

/// <summary>A tenant's dead letter is re-driven from its own hub's settings, and its events carry that tenant.</summary>
public sealed class TenantRedriveTests
{
    [Fact]
    public async Task ATenantsDeadLetterIsRedrivenWithItsTenant()
    {
        await using var hubs = await TenantHubs.StartAsync();
        var folder = Directory.CreateTempSubdirectory("dc-tenants-redrive-").FullName;
        try
        {
            var settings = new ConnectorSettings(hubs.Settings().ToJsonString(), folder, name => hubs.Environment.GetValueOrDefault(name));
            var sink = new Graph.CollectingSink();
            var context = new ConnectorContext(sink, NullLoggerFactory.Instance, TimeProvider.System);
            var northwind = hubs.Tenants.Single(t => t.Name == "northwind");
            await using (var connector = new DefenderConnectorPlugin().Create(settings, context))
            {
                // The pull creates the state database; the hub is still empty.
                Assert.Equal("CaughtUp", (await connector.PullAsync(northwind.Source, TestTimeouts.Token())).StopReason);
            }

            // A body a defect (since fixed) could not read, stored as northwind's pull would have stored it.
            var records = File.ReadLines(Path.Combine(RepoPaths.Samples, "defender-records.jsonl")).Take(2).Select(northwind.Rewrite);
            InsertDeadLetter(Path.Combine(folder, "state.db"), northwind.Source, $"127.0.0.1/{northwind.Hub}/$default", Encoding.UTF8.GetBytes("{\"records\":[" + string.Join(",", records) + "]}"));

            await using var state = new DefenderConnectorPlugin().OpenState(settings, context);
            var letter = Assert.Single(await state.ListDeadLettersAsync(includeDone: false, TestTimeouts.Token()));
            Assert.Equal(northwind.Source, letter.Source);
            var summary = await state.RedriveAsync([letter.Id], TestTimeouts.Token());

            Assert.Equal(1, summary.Delivered);
            Assert.Equal(2, sink.Events.Count);
            for (var record = 0; record < 2; record++)
            {
                Assert.Contains(EventUid.ForEventHubRecord("127.0.0.1", northwind.Hub, "1", 99, record), sink.Uids);
            }

            foreach (var text in sink.Events)
            {
                using var document = JsonDocument.Parse(text);
                var metadata = document.RootElement.GetProperty("metadata");
                Assert.Equal(northwind.TenantId, metadata.GetProperty("tenant_uid").GetString());
                Assert.Equal(northwind.Organization, metadata.GetProperty("tags")[0].GetProperty("value").GetString());
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void InsertDeadLetter(string database, string source, string stream, byte[] raw)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO dead_letters (source, stream, partition, sequence_number, offset, record_index, reason, detail, raw, at)
            VALUES ($source, $stream, '1', 99, '4242', NULL, 'Unreadable', 'The reader failed on this body (a defect since fixed).', $raw, '2026-11-30T08:00:00.0000000+00:00');
            """;
        command.Parameters.AddWithValue("$source", source);
        command.Parameters.AddWithValue("$stream", stream);
        command.Parameters.AddWithValue("$raw", raw);
        Assert.Equal(1, command.ExecuteNonQuery());
    }
}
