using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DefenderConnector.Abstractions;
using DefenderConnector.Emulator.Http;
using DefenderConnector.IntegrationTests.Graph;
using Xunit.Abstractions;

namespace DefenderConnector.IntegrationTests.Outputs.Http;

/// <summary>The Splunk HEC output against the emulator's HEC stand-in over HTTPS.</summary>
public sealed class HecOutputTests(ITestOutputHelper output)
{
    private static string Token() => Guid.NewGuid().ToString();

    private static string Settings(HttpReceiver receiver, string extra = "") => $$"""
        { "type": "hec", "format": "ocsf", "hec": { "url": "{{receiver.Url}}", "token": "env:DC_HEC_TOKEN", "caFile": "{{receiver.Pki.CaFile}}"{{extra}} } }
        """;

    [Fact]
    public async Task EveryEventReachesHecByteForByteWithIndexerAcknowledgement()
    {
        await using var bed = await OutputTestbed.StartAsync(partitions: 2, messagesPerPartition: 50);
        await using var receiver = await HttpReceiver.StartAsync(bed.Folder);
        var token = Token();
        receiver.Siem.Hec.AddToken(token, useAck: true, "defender");
        receiver.Siem.Hec.PollsUntilIndexed = 2;
        var json = Settings(receiver, """, "index": "defender", "sourcetype": "ocsf:json", "useAck": true, "ackPollInterval": 0.02, "gzip": true, "maxRequestBytes": 30000""");
        var environment = bed.Environment.With("DC_HEC_TOKEN", token);

        var probe = await HttpOutputScenarios.ConnectsAsync(bed, json, environment, token, output);
        Assert.Contains("[ok  ] ack", probe, StringComparison.Ordinal);
        Assert.Empty(receiver.Siem.Hec.Events);

        await HttpOutputScenarios.DeliversEveryEventByteForByteAsync(bed, json, environment, () => receiver.Siem.Hec.Events.Select(e => e.Event).ToList(), "hec", output);
        Assert.All(receiver.Siem.Hec.Events, e => Assert.Equal(("defender", "ocsf:json"), (e.Index, e.SourceType)));
        Assert.True(receiver.Emulator.Requests.Count(EmulatedRoute.HecEvent, 200) > 10, "The batches were not split by maxRequestBytes.");
        Assert.True(receiver.Emulator.Requests.Count(EmulatedRoute.HecAck, 200) > 0, "No acknowledgement was polled.");
    }

    [Fact]
    public async Task AReceiverStoppedMidPullAndRestartedLosesNoEvent()
    {
        await using var bed = await OutputTestbed.StartAsync(partitions: 4, messagesPerPartition: 250);
        await using var receiver = await HttpReceiver.StartAsync(bed.Folder);
        var token = Token();
        receiver.Siem.Hec.AddToken(token, useAck: true);
        var json = Settings(receiver, """, "useAck": true, "ackPollInterval": 0.02, "ackTimeout": 5, "maxRetries": 12, "retryDelay": 0.2, "retryMaxDelay": 2""");
        await HttpOutputScenarios.SurvivesAReceiverRestartAsync(bed, receiver, json, bed.Environment.With("DC_HEC_TOKEN", token), () => receiver.Siem.Hec.Events.Select(e => e.Event).ToList(), output);
    }

    [Fact]
    public async Task AWrongTokenIsDiagnosedWithExitCode3AndTheTokenStaysOut()
    {
        await using var bed = await OutputTestbed.StartAsync(partitions: 1, messagesPerPartition: 2);
        await using var receiver = await HttpReceiver.StartAsync(bed.Folder);
        receiver.Siem.Hec.AddToken(Token());
        var wrong = Token();
        await HttpOutputScenarios.DiagnosesAsync(bed, Settings(receiver, """, "maxRetries": 0"""), bed.Environment.With("DC_HEC_TOKEN", wrong), wrong, "auth", "Invalid token (code 4)", output);
        Assert.Empty(receiver.Siem.Hec.Events);
    }

    [Fact]
    public async Task AnUntrustedCertificateIsDiagnosedWithExitCode3()
    {
        await using var bed = await OutputTestbed.StartAsync(partitions: 1, messagesPerPartition: 2);
        await using var receiver = await HttpReceiver.StartAsync(bed.Folder);
        var token = Token();
        receiver.Siem.Hec.AddToken(token);
        var other = new TestPki(bed.Folder, "other");
        var json = $$"""{ "type": "hec", "hec": { "url": "{{receiver.Url}}", "token": "env:DC_HEC_TOKEN", "caFile": "{{other.CaFile}}", "maxRetries": 0 } }""";
        await HttpOutputScenarios.DiagnosesAsync(bed, json, bed.Environment.With("DC_HEC_TOKEN", token), token, "tls", "does not chain to a CA in", output);
        Assert.Empty(receiver.Siem.Hec.Events);
    }

    [Fact]
    public async Task AnEventHecRefusesIsDeadLetteredWithItsReasonAndTheRestDelivered()
    {
        var folder = Directory.CreateTempSubdirectory("dc-hec-").FullName;
        await using var receiver = await HttpReceiver.StartAsync(folder);
        var token = Token();
        receiver.Siem.Hec.AddToken(token);
        receiver.Siem.Hec.RejectEventsContaining = "\"refuse-me\"";
        var time = new AutoAdvancingTimeProvider(DateTimeOffset.UtcNow);
        await using (var hec = HttpReceiver.CreateOutput(folder, Settings(receiver, """, "maxRetries": 0"""), time, new() { ["DC_HEC_TOKEN"] = token }))
        {
            await hec.WriteAsync(Batch("a", "b", "refuse-me", "c", "d"), CancellationToken.None);
            Assert.Equal(1, hec.DeadLettered);
        }

        Assert.Equal(["\"a\"", "\"b\"", "\"c\"", "\"d\""], receiver.Siem.Hec.Events.Select(e => JsonDocument.Parse(e.Event).RootElement.GetProperty("id").GetRawText()).Order());
        var letter = JsonDocument.Parse(File.ReadAllLines(Path.Combine(folder, "out", "output-dead-letters.jsonl")).Single()).RootElement;
        Assert.Equal("rejected", letter.GetProperty("reason").GetString());
        Assert.Contains("Invalid data format (code 6)", letter.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("refuse-me", letter.GetProperty("event").GetString(), StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task ABusyCollectorIsAskedAgainAfterItsRetryAfterOnTheInjectedClock()
    {
        var folder = Directory.CreateTempSubdirectory("dc-hec-").FullName;
        await using var receiver = await HttpReceiver.StartAsync(folder);
        var token = Token();
        receiver.Siem.Hec.AddToken(token);
        receiver.Emulator.Faults.Enqueue(EmulatedRoute.HecEvent, new ScriptedFault(503, RetryAfterSeconds: 7));
        var time = new AutoAdvancingTimeProvider(DateTimeOffset.UtcNow);
        await using (var hec = HttpReceiver.CreateOutput(folder, Settings(receiver, """, "retryDelay": 1"""), time, new() { ["DC_HEC_TOKEN"] = token }))
        {
            await hec.WriteAsync(Batch("a", "b"), CancellationToken.None);
        }

        Assert.Contains(TimeSpan.FromSeconds(7), time.Delays);
        Assert.DoesNotContain(TimeSpan.FromSeconds(1), time.Delays);
        Assert.Equal(2, receiver.Siem.Hec.Events.Count);
        Assert.Equal(1, receiver.Emulator.Requests.Count(EmulatedRoute.HecEvent, 503));
        Directory.Delete(folder, recursive: true);
    }

    internal static EventBatch Batch(params string[] ids) =>
        new("eventhub", "ocsf", ids.Select(id => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes($$"""{"id":"{{id}}","metadata":{"uid":"{{Convert.ToHexString(RandomNumberGenerator.GetBytes(8))}}"},"message":"é ∑ \"quoted\""}""")).ToList());
}
