using System.Text.Json;
using DefenderConnector.Mapping;
using static DefenderConnector.Tests.Replay.ReplaySamples;

namespace DefenderConnector.Tests.Replay;

public sealed class ReplayEngineTests
{
    private static string Uid(string ocsfLine)
    {
        using var document = JsonDocument.Parse(ocsfLine);
        return document.RootElement.GetProperty("metadata").GetProperty("uid").GetString()!;
    }

    [Fact]
    public async Task Event_hub_bodies_as_json_lines_yield_one_event_per_record()
    {
        var (summary, lines) = await ReplayRunner.RunAsync(Body("DeviceProcessEvents", "DeviceFileEvents") + "\n" + Body("DeviceProcessEvents") + "\n");

        Assert.False(summary.InputUnreadable);
        Assert.Equal(3, summary.EventsWritten);
        Assert.Equal(3, lines.Length);
        Assert.Equal(2, summary.EventsByTable["DeviceProcessEvents"]);
        Assert.Equal(1, summary.EventsByTable["DeviceFileEvents"]);
        Assert.Empty(summary.DeadLetters);
        Assert.Equal(3, lines.Select(Uid).Distinct().Count());
    }

    [Fact]
    public async Task A_pretty_printed_body_still_yields_one_event_per_line()
    {
        var pretty = "{\n  \"records\": [\n    " + Record("DeviceInfo").Replace(",", ",\n      ", StringComparison.Ordinal) + ",\n    7\n  ]\n}\n";
        var (summary, lines) = await ReplayRunner.RunAsync(pretty);

        var line = Assert.Single(lines);
        using var document = JsonDocument.Parse(line);
        Assert.Equal("testmachine5", document.RootElement.GetProperty("device").GetProperty("hostname").GetString());
        var dead = Assert.Single(summary.DeadLetters);
        Assert.Equal((1L, (int?)1, "RecordNotObject"), (dead.Line, dead.RecordIndex, dead.Reason));
    }

    [Fact]
    public async Task Storage_export_rows_are_single_records()
    {
        var (summary, lines) = await ReplayRunner.RunAsync(Record("EmailEvents") + "\n" + Record("UrlClickEvents") + "\n");

        Assert.Equal(2, lines.Length);
        Assert.Equal(["EmailEvents", "UrlClickEvents"], summary.EventsByTable.Keys.Order());
    }

    [Fact]
    public async Task Ids_are_stable_across_replays_and_differ_between_files()
    {
        var input = Body("DeviceInfo", "DeviceInfo") + "\n" + Record("DeviceInfo");
        var first = await ReplayRunner.RunAsync(input, inputName: "a.jsonl");
        var again = await ReplayRunner.RunAsync(input, inputName: "a.jsonl");
        var other = await ReplayRunner.RunAsync(input, inputName: "b.jsonl");

        Assert.Equal(first.Lines.Select(Uid), again.Lines.Select(Uid));
        Assert.Empty(first.Lines.Select(Uid).Intersect(other.Lines.Select(Uid)));
    }

    [Fact]
    public async Task Graph_incident_page_maps_incidents_and_dead_letters_the_unknown_item_with_its_line()
    {
        var (summary, lines) = await ReplayRunner.RunAsync(GraphIncidentPage);

        Assert.Equal(2, lines.Length);
        Assert.Equal(2, summary.EventsByTable["GraphIncident"]);
        var dead = Assert.Single(summary.DeadLetters);
        Assert.Equal("UnknownShape", dead.Reason);
        Assert.Equal(17, dead.Line);
        Assert.Equal(2, dead.RecordIndex);
        Assert.Equal(EventUid.ForApiObject(RecordKind.GraphIncident, "2972395", "2024-11-07T11:00:00Z"), Uid(lines[0]));
        Assert.Equal(EventUid.ForApiObject(RecordKind.GraphIncident, "2972396", "2024-11-07T12:00:00Z"), Uid(lines[1]));
    }

    [Fact]
    public async Task Api_pages_and_siem_arrays_map_with_their_api_ids()
    {
        var input = string.Join("\n", GraphAlertPage, LegacyIncidentPage, EndpointAlertPage, SiemAlerts);
        var (summary, lines) = await ReplayRunner.RunAsync(input);

        Assert.Equal(5, lines.Length);
        Assert.Equal(1, summary.EventsByTable["GraphAlert"]);
        Assert.Equal(1, summary.EventsByTable["LegacyIncident"]);
        Assert.Equal(1, summary.EventsByTable["LegacyEndpointAlert"]);
        Assert.Equal(2, summary.EventsByTable["LegacySiemAlert"]);
        Assert.Equal(EventUid.ForApiObject(RecordKind.LegacyIncident, "924518", "2024-11-07T11:00:00Z"), Uid(lines[1]));
        Assert.Equal(EventUid.ForApiObject(RecordKind.LegacySiemAlert, "636688558380765161_2136280442", "2024-11-07T11:00:00Z"), Uid(lines[3]));
        // No LastProcessedTimeUtc: the alert time stands in as its version.
        Assert.Equal(EventUid.ForApiObject(RecordKind.LegacySiemAlert, "636688558380765161_2136280443", "2024-11-07T10:05:00Z"), Uid(lines[4]));
    }

    [Fact]
    public async Task Pages_collected_into_an_array_are_opened()
    {
        var (summary, lines) = await ReplayRunner.RunAsync("[" + GraphAlertPage + "," + LegacyIncidentPage + "]");

        Assert.Equal(2, lines.Length);
        Assert.Equal(1, summary.EventsByTable["GraphAlert"]);
        Assert.Equal(1, summary.EventsByTable["LegacyIncident"]);
    }

    [Fact]
    public async Task A_single_incident_without_a_page_is_detected_by_its_fields()
    {
        var (summary, _) = await ReplayRunner.RunAsync("""{"id":"7","incidentWebUrl":"https://x","lastUpdateDateTime":"2024-11-07T11:00:00Z"}""");
        Assert.Equal(1, summary.EventsByTable["GraphIncident"]);
    }

    [Fact]
    public async Task A_mixed_file_keeps_going_past_bad_lines_and_reports_each_by_line()
    {
        var input = string.Join("\n",
            Body("DeviceProcessEvents"),
            Record("DeviceLogonEvents"),
            "{\"records\":[{\"category\":\"AdvancedHunting-DeviceInfo\",\"properties\":{}}, 42]}",
            "this line is not JSON {",
            GraphAlertPage,
            """{"unexpected":"object"}""",
            "\"just a string\"",
            Record("NewTableFromTheFuture"));
        var (summary, lines) = await ReplayRunner.RunAsync(input);

        Assert.False(summary.InputUnreadable);
        Assert.Equal(5, summary.EventsWritten);
        Assert.Equal(5, lines.Length);
        Assert.Equal(
            [(3L, (int?)1, "RecordNotObject"), (4L, null, "NotJson"), (6L, null, "UnknownShape"), (7L, null, "NotAnObject")],
            summary.DeadLetters.Select(d => (d.Line, d.RecordIndex, d.Reason)));
        Assert.Equal(1, summary.EventsByTable["NewTableFromTheFuture"]);
        Assert.True(summary.UnknownTables.ContainsKey("NewTableFromTheFuture"));
        Assert.Equal(5, summary.EventsByClass.Values.Sum());
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("not json at all\nstill not json\n")]
    public async Task An_unreadable_input_is_reported_as_such_and_writes_nothing(string input)
    {
        var (summary, lines) = await ReplayRunner.RunAsync(input);

        Assert.True(summary.InputUnreadable);
        Assert.False(string.IsNullOrEmpty(summary.InputProblem));
        Assert.Empty(lines);
        Assert.Equal(0, summary.EventsWritten);
    }

    [Fact]
    public async Task An_unknown_format_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => ReplayRunner.RunAsync(Record("DeviceInfo"), "leef"));
        Assert.Equal("format", error.ParamName);
    }

    [Fact]
    public async Task A_cancelled_replay_stops_with_cancellation()
    {
        Abstractions.IReplayablePlugin plugin = new DefenderConnectorPlugin();
        using var input = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Record("DeviceInfo")));
        using var output = new MemoryStream();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => plugin.ReplayAsync(input, output, "ocsf", "x.jsonl", cancelled.Token));
        Assert.Equal(0, output.Length);
    }
}
