using DefenderConnector.IntegrationTests.Support;
using Xunit.Abstractions;

namespace DefenderConnector.IntegrationTests.Outputs.Http;

/// <summary>The scenarios every HTTP output must pass, run against the host as a real process and a stand-in over HTTPS.</summary>
internal static class HttpOutputScenarios
{
    /// <summary>A pull into the output and a pull into the file: the receiver holds exactly the file's lines, byte for byte per event.</summary>
    public static async Task DeliversEveryEventByteForByteAsync(OutputTestbed bed, string outputJson, Dictionary<string, string> environment, Func<IReadOnlyList<string>> received, string kind, ITestOutputHelper output)
    {
        var settings = bed.WriteSettings($"{kind}.json", outputJson, state: $"{kind}-state.db");
        var file = bed.WriteSettings("file.json", """{ "path": "events.jsonl" }""", state: "file-state.db");
        var (exit, stdout, stderr) = await HostProcess.RunAsync(["pull", "--config", settings], environment, TimeSpan.FromMinutes(5), bed.Folder);
        output.WriteLine(stdout + stderr);
        Assert.True(exit == 0, $"pull into {kind} failed ({exit}): {stdout}{stderr}");
        Assert.Contains($"Events delivered to the {kind} output", stdout, StringComparison.Ordinal);
        (exit, stdout, stderr) = await bed.RunAsync("pull", "--config", file);
        Assert.True(exit == 0, $"pull to the file failed ({exit}): {stdout}{stderr}");

        var written = await File.ReadAllLinesAsync(Path.Combine(bed.Folder, "events.jsonl"));
        Assert.Equal(bed.Total, written.Length);
        Assert.Contains(written, line => line.Length > 2048);
        Assert.Equal(written.Order(StringComparer.Ordinal), received().Order(StringComparer.Ordinal));
    }

    /// <summary>The receiver stops mid-pull and comes back: the pull rides it out, every event arrives, and a second pull finds nothing new.</summary>
    public static async Task SurvivesAReceiverRestartAsync(OutputTestbed bed, HttpReceiver receiver, string outputJson, Dictionary<string, string> environment, Func<IReadOnlyList<string>> received, ITestOutputHelper output)
    {
        var settings = bed.WriteSettings("restart.json", outputJson, batchMessages: 2);
        using (var pull = HostProcess.Start(["pull", "--config", settings], environment, bed.Folder))
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            while (received().Count < 2_000 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }

            await receiver.StopAsync();
            var atStop = received().Count;
            output.WriteLine($"Stopped the receiver with {atStop} of {bed.Total} events received.");
            Assert.InRange(atStop, 2_000, bed.Total - 1);
            await Task.Delay(1_000);
            await receiver.RestartAsync();

            var exit = await pull.WaitForExitAsync(TimeSpan.FromMinutes(4));
            output.WriteLine(pull.StandardOutput + pull.StandardError);
            Assert.True(exit == 0, $"The pull did not ride out the receiver's restart ({exit}): {pull.StandardOutput}{pull.StandardError}");
            Assert.Contains("retrying", pull.StandardOutput + pull.StandardError, StringComparison.Ordinal);
        }

        var uids = received().Select(OutputTestbed.Uid).ToList();
        var distinct = uids.ToHashSet(StringComparer.Ordinal);
        output.WriteLine($"{distinct.Count} distinct events, {uids.Count - distinct.Count} received twice.");
        Assert.True(bed.ExpectedUids().SetEquals(distinct), "Some events never reached the receiver.");

        var (code, stdout, stderr) = await HostProcess.RunAsync(["pull", "--config", settings], environment, TimeSpan.FromMinutes(3), bed.Folder);
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("0 events from 0 messages", stdout, StringComparison.Ordinal);
    }

    /// <summary>test-connectivity fails with exit code 3 naming the hop and the cause; pull fails with 4; the secret is nowhere.</summary>
    public static async Task<string> DiagnosesAsync(OutputTestbed bed, string outputJson, Dictionary<string, string> environment, string secret, string failedHop, string diagnosis, ITestOutputHelper output)
    {
        var settings = bed.WriteSettings("diagnose.json", outputJson);
        var (exit, stdout, stderr) = await HostProcess.RunAsync(["test-connectivity", "--config", settings], environment, TimeSpan.FromMinutes(3), bed.Folder);
        output.WriteLine(stdout + stderr);
        Assert.Equal(3, exit);
        Assert.Contains($"[FAIL] {failedHop}", stdout, StringComparison.Ordinal);
        Assert.Contains(diagnosis, stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);

        var (pullExit, pullOut, pullErr) = await HostProcess.RunAsync(["pull", "--config", settings], environment, TimeSpan.FromMinutes(3), bed.Folder);
        output.WriteLine(pullOut + pullErr);
        Assert.Equal(4, pullExit);
        Assert.Contains(diagnosis, pullOut + pullErr, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, pullOut + pullErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", pullOut + pullErr, StringComparison.Ordinal);
        return stdout;
    }

    /// <summary>A passing test-connectivity: exit 0 and the output's hops listed.</summary>
    public static async Task<string> ConnectsAsync(OutputTestbed bed, string outputJson, Dictionary<string, string> environment, string secret, ITestOutputHelper output)
    {
        var settings = bed.WriteSettings("probe.json", outputJson);
        var (exit, stdout, stderr) = await HostProcess.RunAsync(["test-connectivity", "--config", settings], environment, TimeSpan.FromMinutes(3), bed.Folder);
        output.WriteLine(stdout + stderr);
        Assert.True(exit == 0, $"test-connectivity failed ({exit}): {stdout}{stderr}");
        Assert.Contains("[ok  ] auth", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, stdout + stderr, StringComparison.Ordinal);
        return stdout;
    }

    public static Dictionary<string, string> With(this Dictionary<string, string> environment, string name, string value)
    {
        environment[name] = value;
        return environment;
    }
}
