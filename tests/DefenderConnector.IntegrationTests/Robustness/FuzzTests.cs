using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using DefenderConnector.IntegrationTests.Emulator;
using DefenderConnector.IntegrationTests.EventHub;
using DefenderConnector.Replay;
using Xunit.Abstractions;

namespace DefenderConnector.IntegrationTests.Robustness;

/// <summary>
/// Ten thousand mutated real bodies through the live path (emulator over AMQP → pull → sink and state)
/// and through <c>replay</c>: nothing crashes, every body is delivered or dead-lettered, every output
/// line is valid UTF-8 JSON, and both paths write the same number of events
/// and the same number of dead letters per reason.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int Bodies = 10_000;
    private const int Seed = 20261202;
    private const int MaxRecordsPerBody = 8;

    [Fact]
    public async Task Ten_thousand_mutated_bodies_never_crash_pull_or_replay_and_every_body_is_delivered_or_dead_lettered()
    {
        var fuzzer = new BodyFuzzer(Seed);
        var bodies = Enumerable.Range(0, Bodies).Select(_ => fuzzer.Next()).ToArray();

        var (emulator, key) = await TestEmulator.StartAsync(o => o.PartitionCount = 1);
        await using var _ = emulator;
        await using var harness = ConnectorHarness.ForEmulator(emulator.Port, key, h => h["maxPullDuration"] = "30m");
        var sequenceNumbers = bodies.Select(b => emulator.Publish("0", b)).ToArray();

        var summary = await harness.PullAsync();

        Assert.Null(summary.Error);
        Assert.Equal("CaughtUp", summary.StopReason);
        Assert.Equal(Bodies, summary.MessagesRead);
        var events = harness.Sink.Events.ToArray();
        var uids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in events)
        {
            uids.Add(ValidUtf8JsonUid(line));
        }

        var letters = await ReadAllDeadLettersAsync(harness);
        var deadSequences = letters.Select(l => l.SequenceNumber).ToHashSet();
        var delivered = 0;
        for (var i = 0; i < Bodies; i++)
        {
            var hasEvent = Enumerable.Range(0, MaxRecordsPerBody).Any(r => uids.Contains(harness.Uid("0", sequenceNumbers[i], r)));
            Assert.True(hasEvent || deadSequences.Contains(sequenceNumbers[i]), $"Body {i} was neither delivered nor dead-lettered.");
            delivered += hasEvent ? 1 : 0;
        }

        Assert.Equal(summary.DeadLettered, letters.Count);
        Assert.Equal(sequenceNumbers[^1], (await harness.CheckpointAsync("0"))?.SequenceNumber);

        // The same bytes as a replay file, one body per line.
        var file = new MemoryStream();
        foreach (var body in bodies)
        {
            file.Write(body);
            file.WriteByte((byte)'\n');
        }

        file.Position = 0;
        var replayed = new MemoryStream();
        var replay = await new DefenderConnectorPlugin().ReplayAsync(file, replayed, "ocsf", "fuzz.jsonl", TestTimeouts.Token());

        Assert.False(replay.InputUnreadable);
        var lines = SplitLines(replayed.ToArray());
        Assert.Equal(replay.EventsWritten, lines.Count);
        var replayUids = lines.Select(ValidUtf8JsonUid).ToHashSet(StringComparer.Ordinal);
        var deadLines = replay.DeadLetters.Select(d => d.Line).ToHashSet();
        for (var i = 0; i < Bodies; i++)
        {
            var line = i + 1L;
            var hasEvent = Enumerable.Range(0, MaxRecordsPerBody).Any(r => replayUids.Contains(ReplayUid.ForFileRecord("fuzz.jsonl", line, r)));
            Assert.True(hasEvent || deadLines.Contains(line), $"Replay line {line} was neither written nor dead-lettered.");
        }

        // One decoder for both paths: the same bodies yield the same events and the same dead letters, a body that
        // is not JSON included (its whole records are salvaged, its broken parts dead-lettered, in pull and replay alike).
        Assert.Equal(summary.EventsDelivered, replay.EventsWritten);
        // One name differs, not the decoding: an object without a records array can only be a broken body to a pull
        // (NoRecordsArray), while replay, which also reads Graph and API objects, calls it an UnknownShape.
        var replayByReason = replay.DeadLetters.GroupBy(d => d.Reason == "UnknownShape" ? "NoRecordsArray" : d.Reason).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(summary.DeadLettersByReason.OrderBy(p => p.Key, StringComparer.Ordinal), replayByReason.OrderBy(p => p.Key, StringComparer.Ordinal));
        output.WriteLine(
            $"bodies {Bodies} (seed {Seed}); pull: {summary.EventsDelivered} events from {delivered} bodies, {summary.DeadLettered} dead letters "
            + $"({string.Join(", ", summary.DeadLettersByReason.Select(p => p.Key + " " + p.Value))}); replay: {replay.EventsWritten} events, {replay.DeadLetters.Count} dead letters");
    }

    private static string ValidUtf8JsonUid(byte[] line)
    {
        Assert.True(Utf8.IsValid(line), "An output line is not valid UTF-8: " + Encoding.UTF8.GetString(line));
        using var document = JsonDocument.Parse(line);
        return document.RootElement.GetProperty("metadata").GetProperty("uid").GetString()!;
    }

    private static List<byte[]> SplitLines(byte[] bytes)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                lines.Add(bytes[start..i]);
                start = i + 1;
            }
        }

        Assert.Equal(bytes.Length, start);
        return lines;
    }

    private static async Task<IReadOnlyList<DefenderConnector.Checkpoints.DeadLetter>> ReadAllDeadLettersAsync(ConnectorHarness harness)
    {
        await using var store = DefenderConnector.Checkpoints.SqliteStateStore.Open(harness.StatePath);
        return await store.ReadDeadLettersAsync(Bodies * MaxRecordsPerBody, CancellationToken.None);
    }
}
