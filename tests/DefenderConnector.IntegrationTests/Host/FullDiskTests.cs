using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using DefenderConnector.IntegrationTests.Support;
using Xunit.Abstractions;

namespace DefenderConnector.IntegrationTests.Host;

/// <summary>
/// <c>run</c> writing its events file to a small tmpfs that fills up in the middle of the backlog, is
/// given space again, is killed (SIGKILL) and restarted: every record arrives, every line of the file
/// is valid UTF-8 JSON (no partial line followed by data), and a failed pull exits 4 with one line.
/// Needs root to mount the tmpfs (the test machine runs the suite as root).
/// </summary>
public sealed class FullDiskTests(ITestOutputHelper output)
{
    private const int Partitions = 2;
    private const int MessagesPerPartition = 300;
    private const int RecordsPerMessage = 10;
    private const string Hub = "fulldisk";

    [Fact]
    public async Task Run_survives_a_full_disk_and_a_kill_without_losing_a_record_or_writing_an_invalid_line()
    {
        await using var backlog = await EventHubBacklog.StartAsync(Hub, Partitions, MessagesPerPartition, RecordsPerMessage, "t-disk");
        var key = backlog.Key;

        var folder = Directory.CreateTempSubdirectory("dc-fulldisk-").FullName;
        var disk = Path.Combine(folder, "disk");
        Directory.CreateDirectory(disk);
        Assert.True(await ExecAsync("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", disk) == 0, "Could not mount a tmpfs (the test needs root).");
        try
        {
            var settings = Path.Combine(folder, "settings.json");
            var events = Path.Combine(disk, "events.jsonl");
            var environment = await backlog.WriteSettingsAsync(settings, "DC_DISK_KEY", "\"batchMessages\": 5, \"pullInterval\": \"1s\"", "disk/events.jsonl");
            var total = backlog.Total;

            // Leave about 300 KB free: the disk fills after a few hundred events.
            var filler = Path.Combine(disk, "filler");
            await File.WriteAllBytesAsync(filler, new byte[(8 * 1024 * 1024) - (300 * 1024)]);

            using (var run = HostProcess.Start(["run", "--config", settings], environment, folder))
            {
                await WaitForAsync(() => run.StandardOutput.Contains("SinkFailed", StringComparison.Ordinal), "a pull failing on the full disk", run);
                var atFull = EventHubBacklog.CountLines(events);
                File.Delete(filler);
                await WaitForAsync(() => EventHubBacklog.CountLines(events) > atFull + 1000, "writing to resume once space is free", run);
                run.Kill();
                output.WriteLine($"Disk full at {atFull} lines; killed run (pid {run.Id}) at {EventHubBacklog.CountLines(events)} of {total}.");
                Assert.DoesNotContain(key, run.StandardOutput + run.StandardError, StringComparison.Ordinal);
                Assert.DoesNotContain("   at ", run.StandardOutput + run.StandardError, StringComparison.Ordinal);
            }

            // The disk fills again and a one-off pull fails: one line, exit 4, no stack trace.
            await File.WriteAllBytesAsync(filler, new byte[Math.Max(0, (8 * 1024 * 1024) - new FileInfo(events).Length - (64 * 1024))]);
            var (failedExit, failedOut, failedErr) = await HostProcess.RunAsync(["pull", "--config", settings], environment, TimeSpan.FromMinutes(3), folder);
            Assert.True(failedExit == 4, $"A pull onto a full disk exited {failedExit}, not 4.\n{failedOut}\n{failedErr}");
            Assert.DoesNotContain("   at ", failedOut + failedErr, StringComparison.Ordinal);
            File.Delete(filler);

            var (exit, stdout, stderr) = await HostProcess.RunAsync(["pull", "--config", settings], environment, TimeSpan.FromMinutes(3), folder);
            Assert.True(exit == 0, $"The final pull failed ({exit}).\n{stdout}\n{stderr}");

            var byUid = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            var bytes = await File.ReadAllBytesAsync(events);
            Assert.True(bytes.Length == 0 || bytes[^1] == (byte)'\n', "The file ends in a partial line.");
            var duplicates = 0;
            for (int start = 0, end; start < bytes.Length; start = end + 1)
            {
                end = Array.IndexOf(bytes, (byte)'\n', start);
                var line = bytes[start..end];
                Assert.True(Utf8.IsValid(line), $"Line at byte {start} is not valid UTF-8.");
                string uid;
                try
                {
                    using var document = JsonDocument.Parse(line);
                    uid = document.RootElement.GetProperty("metadata").GetProperty("uid").GetString()!;
                }
                catch (JsonException e)
                {
                    throw new Xunit.Sdk.XunitException($"Line at byte {start} is not JSON ({e.Message}): {Encoding.UTF8.GetString(line[..Math.Min(line.Length, 300)])}");
                }

                if (byUid.TryGetValue(uid, out var earlier))
                {
                    duplicates++;
                    Assert.Equal(earlier, line);
                }
                else
                {
                    byUid[uid] = line;
                }
            }

            var expected = backlog.ExpectedUids();

            output.WriteLine($"{byUid.Count} distinct events of {total}, {duplicates} delivered twice.");
            Assert.True(expected.SetEquals(byUid.Keys), $"{expected.Except(byUid.Keys).Count()} records are missing.");
        }
        finally
        {
            await ExecAsync("umount", "-l", disk);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, string what, HostProcess process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"Gave up waiting for {what}.\n{process.StandardOutput}\n{process.StandardError}");
            }

            await Task.Delay(50);
        }
    }

    private static async Task<int> ExecAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
