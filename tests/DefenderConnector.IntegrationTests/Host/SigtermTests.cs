using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DefenderConnector.Emulator.EventHubs;
using DefenderConnector.IntegrationTests.Support;
using DefenderConnector.Mapping;
using Xunit.Abstractions;

namespace DefenderConnector.IntegrationTests.Host;

/// <summary>
/// SIGTERM in the middle of a pull: <c>run</c> finishes or abandons the batch in flight without
/// committing it, prints its summary and exits 0; a later pull delivers every record.
/// </summary>
public sealed class SigtermTests(ITestOutputHelper output)
{
    private const int Partitions = 2;
    private const int MessagesPerPartition = 1500;
    private const int RecordsPerMessage = 10;
    private const string Hub = "sigterm";

    [Fact]
    public async Task Run_stops_cleanly_on_SIGTERM_mid_pull_with_a_summary_and_exit_0_and_loses_nothing()
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

        var folder = Directory.CreateTempSubdirectory("dc-sigterm-").FullName;
        try
        {
            var settings = Path.Combine(folder, "settings.json");
            var events = Path.Combine(folder, "events.jsonl");
            await File.WriteAllTextAsync(settings, $$"""
                {
                  "eventHub": { "namespace": "127.0.0.1", "port": {{emulator.Port}}, "transport": "amqp", "hubName": "{{Hub}}",
                                "sasPolicyName": "listen", "sasKey": "env:DC_TERM_KEY", "batchMessages": 2 },
                  "output": { "path": "events.jsonl" },
                  "state": { "path": "state.db" }
                }
                """);
            var environment = new Dictionary<string, string> { ["DC_TERM_KEY"] = key };
            const int total = Partitions * MessagesPerPartition * RecordsPerMessage;

            using (var run = HostProcess.Start(["run", "--config", settings], environment, folder))
            {
                using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
                {
                    while (Lines(events) < 1000)
                    {
                        await Task.Delay(10, timeout.Token);
                    }
                }

                using (var term = Process.Start("kill", ["-TERM", run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                {
                    await term.WaitForExitAsync();
                }

                var exit = await run.WaitForExitAsync(TimeSpan.FromMinutes(2));
                var lines = Lines(events);
                output.WriteLine($"SIGTERM at about 1000 lines; run exited {exit} with {lines} of {total} lines.\n{run.StandardOutput}");
                Assert.True(exit == 0, $"run exited {exit} after SIGTERM.\n{run.StandardOutput}\n{run.StandardError}");
                Assert.True(lines < total, "The pull finished before SIGTERM arrived; nothing was tested.");
                Assert.Contains("Pull of eventhub: Cancelled", run.StandardOutput, StringComparison.Ordinal);
                Assert.Contains("Stopped after", run.StandardOutput, StringComparison.Ordinal);
                Assert.DoesNotContain("   at ", run.StandardOutput + run.StandardError, StringComparison.Ordinal);
            }

            var (pullExit, stdout, stderr) = await HostProcess.RunAsync(["pull", "--config", settings], environment, TimeSpan.FromMinutes(3), folder);
            Assert.True(pullExit == 0, stdout + stderr);

            var uids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var line in await File.ReadAllLinesAsync(events))
            {
                using var document = JsonDocument.Parse(line);
                uids.Add(document.RootElement.GetProperty("metadata").GetProperty("uid").GetString()!);
            }

            for (var p = 0; p < Partitions; p++)
            {
                for (var seq = 0; seq < MessagesPerPartition; seq++)
                {
                    for (var r = 0; r < RecordsPerMessage; r++)
                    {
                        Assert.Contains(EventUid.ForEventHubRecord("127.0.0.1", Hub, p.ToString(System.Globalization.CultureInfo.InvariantCulture), seq, r), uids);
                    }
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int Lines(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

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

    private static byte[] Envelope(int partition, int message)
    {
        var builder = new StringBuilder("{\"records\":[");
        for (var r = 0; r < RecordsPerMessage; r++)
        {
            builder.Append(r > 0 ? "," : string.Empty).Append(System.Globalization.CultureInfo.InvariantCulture, $$"""{"time":"2026-11-23T08:00:00.0000000Z","tenantId":"t-term","operationName":"Publish","category":"AdvancedHunting-DeviceProcessEvents","properties":{"Timestamp":"2026-11-23T07:59:59.1234567Z","DeviceId":"dev-{{partition}}","DeviceName":"wks-{{partition}}.contoso.local","ActionType":"ProcessCreated","FileName":"cmd.exe","ProcessId":{{(message * 10) + r}},"ProcessCommandLine":"cmd.exe /c echo {{partition}}-{{message}}-{{r}}","ReportId":{{message}}}""").Append('}');
        }

        return Encoding.UTF8.GetBytes(builder.Append("]}").ToString());
    }
}
