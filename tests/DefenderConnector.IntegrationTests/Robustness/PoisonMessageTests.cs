using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using DefenderConnector.IntegrationTests.Emulator;
using DefenderConnector.IntegrationTests.EventHub;

namespace DefenderConnector.IntegrationTests.Robustness;

/// <summary>
/// Bodies that are JSON but not valid text, or unusual in shape, through a live pull and through
/// <c>replay</c>: both repair them by the same rule (U+FFFD) and deliver every record, and the
/// partition moves on.
/// </summary>
public sealed class PoisonMessageTests
{
    private const string Record = "{\"time\":\"2026-11-23T08:00:00Z\",\"category\":\"AdvancedHunting-DeviceEvents\",\"properties\":{\"DeviceName\":\"NAME\",\"ActionType\":\"AntivirusDetection\",\"Timestamp\":\"2026-11-23T08:00:00Z\"}}";

    private static byte[] Body(string deviceName) => Encoding.UTF8.GetBytes("{\"records\":[" + Record.Replace("NAME", deviceName, StringComparison.Ordinal) + "]}");

    [Fact]
    public async Task A_lone_surrogate_escape_is_repaired_to_U_FFFD_in_pull_and_replay_and_the_partition_moves_on()
    {
        var poison = Body("\\ud800");
        var (pulled, summary) = await PullAsync(poison, DefenderRecords.Envelope(1, 1));

        Assert.Null(summary.Error);
        Assert.Equal(0, summary.DeadLettered);
        Assert.Equal(2, summary.EventsDelivered);
        Assert.Equal("\uFFFD", DeviceName(pulled[0]));

        var replayed = await ReplayAsync(poison);
        Assert.Equal("\uFFFD", DeviceName(Assert.Single(replayed)));
    }

    [Fact]
    public async Task Invalid_utf8_never_reaches_the_output_raw()
    {
        // A body cut open inside a string value, three ill-formed sequences put in: a lone lead byte, an
        // invalid byte, and an encoded surrogate (ED A0 80), then the rest of the name ("ÿ").
        var text = Encoding.UTF8.GetString(Body("bad\u00ff"));
        var cut = text.IndexOf("bad", StringComparison.Ordinal) + 3;
        byte[] named = [.. Encoding.UTF8.GetBytes(text[..cut]), 0xC3, 0xFF, 0xED, 0xA0, 0x80, .. Encoding.UTF8.GetBytes(text[cut..])];
        // A column no mapper knows is copied under unmapped: its ill-formed bytes must not be copied raw.
        var unknown = Encoding.UTF8.GetString(Body("host-1")).Replace("\"ActionType\"", "\"VendorNote\":\"x\",\"ActionType\"", StringComparison.Ordinal);
        var at = unknown.IndexOf("\"x\"", StringComparison.Ordinal) + 2;
        byte[] bad = [.. Encoding.UTF8.GetBytes(unknown[..at]), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes(unknown[at..])];
        var (pulled, summary) = await PullAsync(bad, named);

        Assert.Null(summary.Error);
        Assert.Equal(2, summary.EventsDelivered);
        Assert.All(pulled, line => Assert.True(Utf8.IsValid(line)));
        Assert.Contains("x\uFFFD(\uFFFD", Encoding.UTF8.GetString(pulled[0]), StringComparison.Ordinal);
        Assert.Equal("bad\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\u00ff", DeviceName(pulled[1]));

        var replayed = await ReplayAsync(bad, named);
        Assert.Equal(2, replayed.Count);
        Assert.All(replayed, line => Assert.True(Utf8.IsValid(line)));
        Assert.Equal("bad\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\u00ff", DeviceName(replayed[1]));
    }

    [Fact]
    public async Task A_second_records_array_is_delivered_too_and_a_byte_order_mark_is_skipped_alike_in_pull_and_replay()
    {
        var twoArrays = Encoding.UTF8.GetBytes("{\"records\":[" + Record.Replace("NAME", "first", StringComparison.Ordinal) + "],\"records\":[" + Record.Replace("NAME", "second", StringComparison.Ordinal) + "]}");
        byte[] withMark = [0xEF, 0xBB, 0xBF, .. Body("marked")];
        var (pulled, summary) = await PullAsync(twoArrays, withMark);

        Assert.Null(summary.Error);
        Assert.Equal(0, summary.DeadLettered);
        Assert.Equal(["first", "second", "marked"], pulled.Select(DeviceName));

        var replayed = await ReplayAsync(twoArrays, withMark);
        Assert.Equal(["first", "second", "marked"], replayed.Select(DeviceName));
    }

    private static async Task<(List<byte[]> Events, DefenderConnector.Abstractions.PullSummary Summary)> PullAsync(params byte[][] bodies)
    {
        var (emulator, key) = await TestEmulator.StartAsync(o => o.PartitionCount = 1);
        await using var _ = emulator;
        await using var harness = ConnectorHarness.ForEmulator(emulator.Port, key);
        long last = 0;
        foreach (var body in bodies)
        {
            last = emulator.Publish("0", body);
        }

        var summary = await harness.PullAsync();
        if (summary.Error is null)
        {
            Assert.Equal(last, (await harness.CheckpointAsync("0"))?.SequenceNumber);
        }

        return ([.. harness.Sink.Events], summary);
    }

    private static async Task<List<byte[]>> ReplayAsync(params byte[][] bodies)
    {
        var input = new MemoryStream();
        foreach (var body in bodies)
        {
            input.Write(body);
            input.WriteByte((byte)'\n');
        }

        input.Position = 0;
        var output = new MemoryStream();
        var summary = await new DefenderConnectorPlugin().ReplayAsync(input, output, "ocsf", "poison.jsonl", TestTimeouts.Token());
        Assert.Empty(summary.DeadLetters);
        var lines = new List<byte[]>();
        var bytes = output.ToArray();
        for (int start = 0, end; start < bytes.Length; start = end + 1)
        {
            end = Array.IndexOf(bytes, (byte)'\n', start);
            Assert.True(end > start, "The output does not end with a complete line.");
            lines.Add(bytes[start..end]);
        }

        return lines;
    }

    private static string DeviceName(byte[] line)
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.GetProperty("device").GetProperty("hostname").GetString()!;
    }
}
