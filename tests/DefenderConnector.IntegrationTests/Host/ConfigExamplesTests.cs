using System.Text.RegularExpressions;
using DefenderConnector.Abstractions;
using DefenderConnector.Host.Plugins;
using DefenderConnector.IntegrationTests.Support;

namespace DefenderConnector.IntegrationTests.Host;

/// <summary>Every example in config/ is valid as shipped, given values for the secrets it references.</summary>
public sealed partial class ConfigExamplesTests
{
    public static TheoryData<string> Examples() => new(Directory.GetFiles(Path.Combine(RepoPaths.Root, "config"), "*.json").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Examples))]
    public void TheExampleIsValid(string name)
    {
        var path = Path.Combine(RepoPaths.Root, "config", name);
        var json = File.ReadAllText(path);
        var secrets = EnvReference().Matches(json).Select(m => m.Groups[1].Value).ToHashSet();
        var plugin = PluginLoader.Load(RepoPaths.PluginDirectory).Plugin;

        var validation = plugin.Validate(new ConnectorSettings(json, Path.GetTempPath(), n => secrets.Contains(n) ? "Endpoint=sb://contoso-defender.servicebus.windows.net/;SharedAccessKeyName=siem-listen;SharedAccessKey=k;EntityPath=defender-xdr" : null));

        Assert.True(validation.IsValid, validation.ToString());

        // The host's output section too; certificate files named by an example are the user's to supply.
        var (_, outputProblems) = DefenderConnector.Host.Outputs.OutputSettingsReader.Read(new ConnectorSettings(json, Path.GetTempPath(), n => secrets.Contains(n) ? "secret" : null), null);
        var real = outputProblems.Where(p => !p.Message.Contains("which does not exist", StringComparison.Ordinal)).ToList();
        Assert.True(real.Count == 0, string.Join("; ", real));
    }

    [GeneratedRegex(@"""env:([A-Za-z0-9_]+)""")]
    private static partial Regex EnvReference();
}
