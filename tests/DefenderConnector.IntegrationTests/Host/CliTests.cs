using DefenderConnector.IntegrationTests.Support;

namespace DefenderConnector.IntegrationTests.Host;

/// <summary>The CLI as a user runs it: help on every command, documented exit codes, every settings problem at once.</summary>
public sealed class CliTests
{
    [Theory]
    [InlineData("validate-config")]
    [InlineData("test-connectivity")]
    [InlineData("pull")]
    [InlineData("run")]
    [InlineData("replay")]
    [InlineData("demo")]
    [InlineData("emulator")]
    public async Task EveryCommandHasHelp(string command)
    {
        var (exit, output, _) = await HostProcess.RunAsync([command, "--help"]);

        Assert.Equal(0, exit);
        Assert.Contains($"defender-connector {command} [options]", output);
        Assert.Contains("--", output);
    }

    [Fact]
    public async Task InvalidSettingsExitWithCodeTwoAndNameEverySetting()
    {
        var file = Path.Combine(Path.GetTempPath(), $"dc-bad-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{ "eventHub": { "namespace": "ns-one", "sasKey": "env:DC_CLI_TEST_UNSET", "pullInterval": "often" } }""");
        try
        {
            var (exit, _, error) = await HostProcess.RunAsync(["validate-config", "--config", file]);

            Assert.Equal(2, exit);
            Assert.Contains("Settings are invalid (4 problems):", error);
            Assert.Contains("eventHub.sasKey: refers to environment variable DC_CLI_TEST_UNSET, which is not set or empty.", error);
            Assert.Contains("eventHub.hubName: is required", error);
            Assert.Contains("eventHub.sasPolicyName: is required", error);
            Assert.Contains("eventHub.pullInterval: must be a duration", error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task ValidSettingsExitWithZero()
    {
        var file = Path.Combine(Path.GetTempPath(), $"dc-good-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{ "eventHub": { "namespace": "ns-one", "hubName": "defender", "sasPolicyName": "listen", "sasKey": "env:DC_CLI_TEST_KEY" } }""");
        try
        {
            var (exit, output, error) = await HostProcess.RunAsync(["validate-config", "--config", file], new Dictionary<string, string> { ["DC_CLI_TEST_KEY"] = Guid.NewGuid().ToString("N") });

            Assert.True(exit == 0, error);
            Assert.Contains("Settings are valid", output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task AMissingSettingsFileIsExplained()
    {
        var (exit, _, error) = await HostProcess.RunAsync(["pull", "--config", "/nonexistent/settings.json"]);

        Assert.Equal(2, exit);
        Assert.Contains("does not exist", error);
    }

    [Fact]
    public async Task ReplayMapsAFileAndTellsAPartlyBadFileFromAnUnreadableOne()
    {
        var folder = Directory.CreateTempSubdirectory("dc-replay-").FullName;
        try
        {
            var events = Path.Combine(folder, "events.cef");
            var (ok, _, summary) = await HostProcess.RunAsync(["replay", "--input", Path.Combine(RepoPaths.Samples, "defender-records.jsonl"), "--format", "cef", "--output", events]);
            Assert.Equal(0, ok);
            Assert.Contains("Replayed 101 events", summary);
            Assert.All(await File.ReadAllLinesAsync(events), line => Assert.StartsWith("CEF:0|Microsoft|Defender XDR|", line, StringComparison.Ordinal));

            var mixed = Path.Combine(folder, "mixed.jsonl");
            await File.WriteAllTextAsync(mixed, "not json\n{\"records\":[{\"category\":\"AdvancedHunting-DeviceInfo\",\"properties\":{\"DeviceName\":\"a\"}}]}\n");
            var (partly, stdout, report) = await HostProcess.RunAsync(["replay", "--input", mixed]);
            Assert.Equal(7, partly);
            Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("dead letter, line 1: NotJson", report);

            var empty = Path.Combine(folder, "empty.json");
            await File.WriteAllTextAsync(empty, string.Empty);
            var (unreadable, _, why) = await HostProcess.RunAsync(["replay", "--input", empty]);
            Assert.Equal(6, unreadable);
            Assert.Contains("could not be read", why);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
