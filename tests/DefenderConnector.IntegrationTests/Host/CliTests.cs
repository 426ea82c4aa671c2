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
    public async Task EveryCommandHasHelp(string command)
    {
        var (exit, output, _) = await HostProcess.RunAsync([command, "--help"]);

        Assert.Equal(0, exit);
        Assert.Contains($"defender-connector {command} [options]", output);
        Assert.Contains("--config", output);
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
}
