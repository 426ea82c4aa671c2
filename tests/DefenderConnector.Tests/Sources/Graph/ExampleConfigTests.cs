using DefenderConnector.Abstractions;

namespace DefenderConnector.Tests.Sources.Graph;

/// <summary>The example settings in config/ for the Graph source validate once their env: secrets exist, from any folder.</summary>
public sealed class ExampleConfigTests
{
    public static TheoryData<string> Files => new(
        "graph-global.json", "graph-gcc.json", "graph-gcchigh.json", "graph-dod.json",
        "graph-china.json", "legacy-m365d.json", "legacy-mde.json", "legacy-siem-gcc.json");

    [Theory]
    [MemberData(nameof(Files))]
    public void Validates(string file)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "DefenderConnector.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Repository root not found.");
        }

        var text = File.ReadAllText(Path.Combine(root, "config", file));
        Assert.Contains("\"clientSecret\": \"env:", text, StringComparison.Ordinal);

        var env = new Dictionary<string, string> { ["DEFENDER_GRAPH_CLIENT_SECRET"] = "s" };
        var validation = new DefenderConnectorPlugin().Validate(new ConnectorSettings(text, Path.GetTempPath(), n => env.GetValueOrDefault(n)));

        Assert.True(validation.IsValid, validation.ToString());
    }
}
