using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DefenderConnector.Emulator.EventHubs;
using DefenderConnector.IntegrationTests.Support;
using DefenderConnector.Mapping;
using Xunit.Abstractions;

namespace DefenderConnector.IntegrationTests.Host;

/// <summary>
/// Kills the connector process (SIGKILL, no cleanup) in the middle of a pull, starts it again, and
/// checks that every record reached the events file at least once and that a replayed record carries
/// the same <c>metadata.uid</c> and content as its first delivery.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int Partitions = 4;
    private const int MessagesPerPartition = 1000;
    private const int RecordsPerMessage = 10;
    private const string Hub = "crash";

    [Fact]
    public async Task AKilledPullLosesNothingAndReplaysWithTheSameIds()
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var options = new EventHubEmulatorOptions { HubName = Hub, PartitionCount = Partitions };
        options.Policies["listen"] = key;
        await using var emulator = new EventHubEmulator(options);
        await emulator.StartAsync();
        for (var m = 0; m < MessagesPerPartition; m++)
        {
            for (var p = 0; p < Partitions; p++)
            {
                emulator.Publish(p.ToString(System.Globalization.CultureInfo.InvariantCulture), Envelope(p, m));
            }
        }

        var folder = Directory.CreateTempSubdirectory("dc-crash-").FullName;
        try
        {
            var settings = Path.Combine(folder, "settings.json");
            var events = Path.Combine(folder, "events.jsonl");
            await File.WriteAllTextAsync(settings, $$"""
                {
                  "eventHub": { "namespace": "127.0.0.1", "port": {{emulator.Port}}, "transport": "amqp", "hubName": "{{Hub}}",
                                "sasPolicyName": "listen", "sasKey": "env:DC_CRASH_KEY", "batchMessages": 2 },
                  "output": { "path": "events.jsonl" },
                  "state": { "path": "state.db" }
                }
                """);
            var environment = new Dictionary<string, string> { ["DC_CRASH_KEY"] = key };
            const int total = Partitions * MessagesPerPartition * RecordsPerMessage;

            using (var first = HostProcess.Start(["pull", "--config", settings], environment, folder))
            {
                var linesAtKill = await WaitForLinesAsync(events, atLeast: 2_000, TimeSpan.FromMinutes(2));
                first.Kill();
                output.WriteLine($"Killed the first pull (pid {first.Id}) with {linesAtKill} of {total} events in the file.");
                Assert.True(linesAtKill < total, $"The first pull finished ({linesAtKill} lines) before it could be killed; nothing was tested.");
            }

            var (exit, stdout, stderr) = await HostProcess.RunAsync(["pull", "--config", settings], environment, TimeSpan.FromMinutes(3), folder);
            Assert.True(exit == 0, $"The restarted pull failed ({exit}).\n{stdout}\n{stderr}");
            Assert.DoesNotContain(key, stdout + stderr, StringComparison.Ordinal);

            var byUid = new Dictionary<string, string>(StringComparer.Ordinal);
            var replayed = 0;
            foreach (var line in await File.ReadAllLinesAsync(events))
            {
                using var document = JsonDocument.Parse(line);
                var uid = document.RootElement.GetProperty("metadata").GetProperty("uid").GetString()!;
                if (byUid.TryGetValue(uid, out var earlier))
                {
                    replayed++;
                    Assert.Equal(earlier, line);
                }
                else
                {
                    var errors = DefenderConnector.Tests.Ocsf.OcsfValidator.Shared.Validate(Encoding.UTF8.GetBytes(line));
                    Assert.True(errors.Count == 0, string.Join("; ", errors));
                    byUid[uid] = line;
                }
            }

            var expected = new HashSet<string>(StringComparer.Ordinal);
            for (var p = 0; p < Partitions; p++)
            {
                for (var seq = 0; seq < MessagesPerPartition; seq++)
                {
                    for (var r = 0; r < RecordsPerMessage; r++)
                    {
                        expected.Add(EventUid.ForEventHubRecord("127.0.0.1", Hub, p.ToString(System.Globalization.CultureInfo.InvariantCulture), seq, r));
                    }
                }
            }

            Assert.Equal(total, byUid.Count);
            Assert.True(expected.SetEquals(byUid.Keys), "Some delivered ids are not the ids of the published records, or some records are missing.");

            output.WriteLine($"{byUid.Count} distinct events, {replayed} delivered twice after the restart.");

            // At most the batches in flight at the kill are delivered twice: a few per partition.
            Assert.InRange(replayed, 0, Partitions * 2 * RecordsPerMessage * 4);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static byte[] Envelope(int partition, int message)
    {
        var builder = new StringBuilder("{\"records\":[");
        for (var r = 0; r < RecordsPerMessage; r++)
        {
            if (r > 0)
            {
                builder.Append(',');
            }

            builder.Append(System.Globalization.CultureInfo.InvariantCulture, $$"""{"time":"2026-11-23T08:00:00.0000000Z","tenantId":"t-crash","operationName":"Publish","category":"AdvancedHunting-DeviceProcessEvents","properties":{"Timestamp":"2026-11-23T07:59:59.1234567Z","DeviceId":"dev-{{partition}}","DeviceName":"wks-{{partition}}.contoso.local","ActionType":"ProcessCreated","FileName":"cmd.exe","ProcessId":{{message * 10 + r}},"ProcessCommandLine":"cmd.exe /c echo {{partition}}-{{message}}-{{r}}","ReportId":{{message}}}""").Append('}');
        }

        return Encoding.UTF8.GetBytes(builder.Append("]}").ToString());
    }

    private static async Task<int> WaitForLinesAsync(string path, int atLeast, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(path))
            {
                var lines = CountLines(path);
                if (lines >= atLeast)
                {
                    return lines;
                }
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"The events file never reached {atLeast} lines.");
    }

    private static int CountLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var buffer = new byte[1 << 16];
        var count = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            count += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return count;
    }
}
