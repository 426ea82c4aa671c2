using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using DefenderConnector.Emulator.EventHubs;
using DefenderConnector.IntegrationTests.Support;

namespace DefenderConnector.IntegrationTests.Host;

/// <summary><c>run</c> pulls on its schedule, picks up events published later, and stops cleanly on SIGTERM.</summary>
public sealed class RunCommandTests
{
    [Fact]
    public async Task ScheduledPullsDeliverNewEventsAndSigtermStopsCleanly()
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var options = new EventHubEmulatorOptions { HubName = "scheduled", PartitionCount = 2 };
        options.Policies["listen"] = key;
        await using var emulator = new EventHubEmulator(options);
        await emulator.StartAsync();
        Publish(emulator, "0", "first");

        var folder = Directory.CreateTempSubdirectory("dc-run-").FullName;
        try
        {
            var events = Path.Combine(folder, "events.jsonl");
            await File.WriteAllTextAsync(Path.Combine(folder, "settings.json"), $$"""
                {
                  "eventHub": { "namespace": "127.0.0.1", "port": {{emulator.Port}}, "transport": "amqp", "hubName": "scheduled",
                                "sasPolicyName": "listen", "sasKey": "env:DC_RUN_KEY", "pullInterval": "1s" },
                  "output": { "path": "events.jsonl" },
                  "state": { "path": "state.db" }
                }
                """);
            using var host = HostProcess.Start(["run", "--config", "settings.json"], new Dictionary<string, string> { ["DC_RUN_KEY"] = key }, folder);

            await WaitForAsync(() => Lines(events) >= 1, host);
            Publish(emulator, "1", "second");
            Publish(emulator, "0", "third");
            await WaitForAsync(() => Lines(events) >= 3, host);

            using (var term = Process.Start("kill", ["-TERM", host.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term!.WaitForExitAsync();
            }

            Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            var text = await File.ReadAllTextAsync(events);
            Assert.Contains("first", text);
            Assert.Contains("second", text);
            Assert.Contains("third", text);
            Assert.Equal(3, Lines(events));
            Assert.Contains("Pull of eventhub: CaughtUp", host.StandardOutput);
            Assert.DoesNotContain(key, host.StandardOutput + host.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Publish(EventHubEmulator emulator, string partition, string marker) =>
        emulator.Publish(partition, Encoding.UTF8.GetBytes($$$"""{"records":[{"time":"2026-11-23T08:00:00Z","tenantId":"t","category":"AdvancedHunting-DeviceInfo","properties":{"DeviceName":"{{{marker}}}.contoso.local","DeviceId":"{{{marker}}}"}}]}"""));

    private static int Lines(string path) => File.Exists(path) ? File.ReadAllLines(path).Length : 0;

    private static async Task WaitForAsync(Func<bool> condition, HostProcess host)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The scheduled pulls did not deliver in time.\n" + host.StandardOutput + "\n" + host.StandardError);
            }

            await Task.Delay(100);
        }
    }
}
