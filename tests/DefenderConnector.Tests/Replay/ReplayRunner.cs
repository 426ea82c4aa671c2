using System.Text;
using DefenderConnector.Abstractions;

namespace DefenderConnector.Tests.Replay;

/// <summary>Runs a replay through the public plugin contract, in memory.</summary>
internal static class ReplayRunner
{
    public static async Task<(ReplaySummary Summary, string[] Lines)> RunAsync(string input, string format = "ocsf", string inputName = "export.jsonl")
    {
        IReplayablePlugin plugin = new DefenderConnectorPlugin();
        using var source = new MemoryStream(Encoding.UTF8.GetBytes(input));
        using var output = new MemoryStream();
        var summary = await plugin.ReplayAsync(source, output, format, inputName, CancellationToken.None);
        var text = Encoding.UTF8.GetString(output.ToArray());
        var lines = text.Length == 0 ? [] : text.Split('\n');
        Assert.Equal(string.Empty, lines.LastOrDefault() ?? string.Empty);
        return (summary, lines.Length == 0 ? lines : lines[..^1]);
    }
}
