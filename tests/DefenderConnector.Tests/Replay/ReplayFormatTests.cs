using System.Text.Json;
using DefenderConnector.Tests.Encoders;
using static DefenderConnector.Tests.Replay.ReplaySamples;

namespace DefenderConnector.Tests.Replay;

public sealed class ReplayFormatTests
{
    private static readonly string Input = string.Join("\n", Body("DeviceProcessEvents", "DeviceNetworkEvents"), GraphAlertPage, SiemAlerts);

    [Fact]
    public async Task Ocsf_lines_are_ocsf_events()
    {
        var (summary, lines) = await ReplayRunner.RunAsync(Input, "ocsf");
        Assert.Equal(5, summary.EventsWritten);
        Assert.All(lines, line =>
        {
            using var document = JsonDocument.Parse(line);
            Assert.Equal("1.8.0", document.RootElement.GetProperty("metadata").GetProperty("version").GetString());
        });
    }

    [Fact]
    public async Task Cef_lines_parse_as_cef_with_the_table_label()
    {
        var (summary, lines) = await ReplayRunner.RunAsync(Input, "CEF");
        Assert.Equal(5, summary.EventsWritten);
        var parsed = lines.Select(CefParser.Parse).ToArray();
        Assert.All(parsed, p => Assert.Equal("0", p.Version));
        // API alerts share one log name whichever API served them, so a rule cannot tell Graph from legacy.
        Assert.Equal(["DeviceProcessEvents", "DeviceNetworkEvents", "Alerts", "Alerts", "Alerts"], parsed.Select(p => p["cs4"] ?? string.Empty));
        Assert.Equal(Tenant, parsed[0]["cs1"]);
    }

    [Fact]
    public async Task Ecs_lines_are_ecs_documents()
    {
        var (summary, lines) = await ReplayRunner.RunAsync(Input, "ecs");
        Assert.Equal(5, summary.EventsWritten);
        Assert.All(lines, line =>
        {
            using var document = JsonDocument.Parse(line);
            Assert.Equal("8.11.0", document.RootElement.GetProperty("ecs").GetProperty("version").GetString());
            Assert.False(string.IsNullOrEmpty(document.RootElement.GetProperty("event").GetProperty("id").GetString()));
        });
    }
}
