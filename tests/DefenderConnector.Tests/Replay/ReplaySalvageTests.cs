using System.Text.Json;
using DefenderConnector.Checkpoints;
using DefenderConnector.Replay;

namespace DefenderConnector.Tests.Replay;

/// <summary>
/// Replay reads a Streaming API body that is not JSON with the live path's decoder: its whole records are
/// written and only its broken parts dead-lettered, as a pull of the same body does (EventHubMappingSummaryTests).
/// </summary>
public sealed class ReplaySalvageTests
{
    private static string Body(params string[] actionTypes) =>
        JsonSerializer.Serialize(new { records = actionTypes.Select(a => new { time = "2026-11-23T08:00:00.1234567Z", tenantId = "t-1", category = "AdvancedHunting-DeviceEvents", properties = new { DeviceName = "host-1", ActionType = a } }) });

    [Fact]
    public async Task A_body_broken_by_a_raw_newline_and_a_truncated_tail_replays_its_whole_records_and_dead_letters_only_the_broken_parts()
    {
        // The body of the pull test: two whole records, one broken by a raw line break inside a string, a truncated tail.
        var whole = Body("ServiceInstalled", "DriverLoad");
        var broken = "{\"category\":\"AdvancedHunting-DeviceEvents\",\"properties\":{\"ActionType\":\"PowerShellCommand\",\"AdditionalFields\":\"{\\\"Command\\\":\\\"Get-Item\n x\\\"}\"}}";
        var tail = "{\"category\":\"AdvancedHunting-DeviceEvents\",\"properties\":{\"DeviceName\":\"host-1\",\"ActionType\":\"Dns";
        var body = whole[..^2] + "," + broken + "," + tail;

        // The body saved as it was received: the raw line break puts it on lines 1-2 of the file.
        var (summary, lines) = await ReplayRunner.RunAsync(body, inputName: "salvage.json");

        Assert.False(summary.InputUnreadable);
        Assert.Equal(2, summary.EventsWritten);
        var classes = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("class_uid").GetInt32()).ToList();
        Assert.Equal([201004, 1002], classes);
        var uids = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("metadata").GetProperty("uid").GetString()).ToList();
        Assert.Equal([ReplayUid.ForFileRecord("salvage.json", 1, 0), ReplayUid.ForFileRecord("salvage.json", 1, 1)], uids);

        // Each broken part on the line it starts on, with its index in the records array and the pull's reason.
        Assert.Equal(
            [(1L, (int?)2, DeadLetterReasons.RecordMalformed), (2L, (int?)3, DeadLetterReasons.RecordTruncated)],
            summary.DeadLetters.Select(d => (d.Line, d.RecordIndex, d.Reason)));
    }

    [Fact]
    public async Task In_a_file_of_several_lines_a_body_split_by_a_raw_line_break_is_read_line_by_line_and_loses_no_whole_record()
    {
        // Which line continues which is not knowable in a file of several bodies (a body cut short inside a string
        // can be followed by one cut at the front): each line is read on its own, and whole records still come out.
        var whole = Body("ServiceInstalled", "DriverLoad");
        var body = whole[..^2] + ",{\"category\":\"AdvancedHunting-DeviceEvents\",\"properties\":{\"ActionType\":\"Get-Item\n x\"}}]}";
        var (summary, lines) = await ReplayRunner.RunAsync(body + "\n" + Body("ServiceInstalled") + "\n");

        Assert.Equal(3, summary.EventsWritten);
        Assert.Equal(3, lines.Length);
        Assert.Equal(
            [(1L, (int?)2, DeadLetterReasons.RecordTruncated), (2L, null, DeadLetterReasons.NotJson)],
            summary.DeadLetters.Select(d => (d.Line, d.RecordIndex, d.Reason)));
    }

    [Fact]
    public async Task A_line_cut_short_inside_its_last_record_keeps_its_whole_records_and_the_next_line_is_its_own()
    {
        var body = Body("ServiceInstalled", "DriverLoad");
        var cut = body[..(body.LastIndexOf("DriverLoad", StringComparison.Ordinal) + 3)];
        var (summary, lines) = await ReplayRunner.RunAsync(cut + "\n" + Body("DriverLoad") + "\n");

        Assert.Equal(2, summary.EventsWritten);
        Assert.Equal(2, lines.Length);
        Assert.Equal([(1L, (int?)1, DeadLetterReasons.RecordTruncated)], summary.DeadLetters.Select(d => (d.Line, d.RecordIndex, d.Reason)));
    }

    [Fact]
    public async Task An_input_whose_only_line_is_a_salvageable_body_is_not_called_unreadable()
    {
        var body = Body("ServiceInstalled", "DriverLoad");
        var (summary, lines) = await ReplayRunner.RunAsync(body[..^4]);

        Assert.False(summary.InputUnreadable);
        Assert.Single(lines);
        Assert.Equal(DeadLetterReasons.RecordTruncated, Assert.Single(summary.DeadLetters).Reason);
    }
}
