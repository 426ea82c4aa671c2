using System.Security.Cryptography;
using System.Text.Json;
using DefenderConnector.Emulator.Http;
using DefenderConnector.IntegrationTests.Graph;
using Xunit.Abstractions;

namespace DefenderConnector.IntegrationTests.Outputs.Http;

/// <summary>The Elasticsearch / OpenSearch _bulk output against the emulator's _bulk stand-in over HTTPS.</summary>
public sealed class ElasticsearchOutputTests(ITestOutputHelper output)
{
    private const string Stream = "logs-defender-default";

    private static string Key() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    private static string Settings(HttpReceiver receiver, string extra = "") => $$"""
        { "type": "elasticsearch", "format": "ocsf", "elasticsearch": { "url": "{{receiver.Url}}", "dataStream": "{{Stream}}", "apiKey": "env:DC_ES_KEY", "caFile": "{{receiver.Pki.CaFile}}"{{extra}} } }
        """;

    private static HttpReceiver Prepare(HttpReceiver receiver, string key)
    {
        receiver.Siem.Bulk.AddApiKey(key, "logs-defender-");
        receiver.Siem.Bulk.AddDataStream(Stream);
        return receiver;
    }

    [Fact]
    public async Task EveryEventReachesTheDataStreamByteForByte()
    {
        await using var bed = await OutputTestbed.StartAsync(partitions: 2, messagesPerPartition: 50);
        await using var receiver = Prepare(await HttpReceiver.StartAsync(bed.Folder), Key());
        var key = Key();
        receiver.Siem.Bulk.AddApiKey(key, "logs-defender-");
        var json = Settings(receiver, """, "gzip": true, "maxRequestBytes": 40000""");
        var environment = bed.Environment.With("DC_ES_KEY", key);

        await HttpOutputScenarios.ConnectsAsync(bed, json, environment, key, output);
        Assert.Empty(receiver.Siem.Bulk.Documents);
        await HttpOutputScenarios.DeliversEveryEventByteForByteAsync(bed, json, environment, () => receiver.Siem.Bulk.Documents.Select(d => d.Source).ToList(), "elasticsearch", output);
        Assert.All(receiver.Siem.Bulk.Documents, d => Assert.Equal((Stream, "create"), (d.Target, d.Action)));
        Assert.True(receiver.Emulator.Requests.Count(EmulatedRoute.Bulk, 200) > 10, "The batches were not split by maxRequestBytes.");
    }

    [Fact]
    public async Task AReceiverStoppedMidPullAndRestartedLosesNoEvent()
    {
        await using var bed = await OutputTestbed.StartAsync(partitions: 4, messagesPerPartition: 250);
        var key = Key();
        await using var receiver = Prepare(await HttpReceiver.StartAsync(bed.Folder), key);
        var json = Settings(receiver, """, "maxRetries": 12, "retryDelay": 0.2, "retryMaxDelay": 2""");
        await HttpOutputScenarios.SurvivesAReceiverRestartAsync(bed, receiver, json, bed.Environment.With("DC_ES_KEY", key), () => receiver.Siem.Bulk.Documents.Select(d => d.Source).ToList(), output);
    }

    [Fact]
    public async Task AWrongApiKeyIsDiagnosedWithExitCode3AndTheKeyStaysOut()
    {
        await using var bed = await OutputTestbed.StartAsync(partitions: 1, messagesPerPartition: 2);
        await using var receiver = Prepare(await HttpReceiver.StartAsync(bed.Folder), Key());
        var wrong = Key();
        await HttpOutputScenarios.DiagnosesAsync(bed, Settings(receiver, """, "maxRetries": 0"""), bed.Environment.With("DC_ES_KEY", wrong), wrong, "auth", "security_exception: unable to authenticate", output);
        Assert.Empty(receiver.Siem.Bulk.Documents);
    }

    [Fact]
    public async Task RefusedItemsAreDeadLetteredWithTheReceiversReasonAndThrottledItemsAloneAreSentAgain()
    {
        var folder = Directory.CreateTempSubdirectory("dc-es-").FullName;
        var key = Key();
        await using var receiver = Prepare(await HttpReceiver.StartAsync(folder), key);
        receiver.Siem.Bulk.RejectDocumentsContaining = "\"refuse-me\"";
        receiver.Siem.Bulk.ThrottleNextItems(2);
        var time = new AutoAdvancingTimeProvider(DateTimeOffset.UtcNow);
        await using (var es = HttpReceiver.CreateOutput(folder, Settings(receiver, """, "retryDelay": 3"""), time, new() { ["DC_ES_KEY"] = key }))
        {
            await es.WriteAsync(HecOutputTests.Batch("a", "b", "refuse-me", "c", "d"), CancellationToken.None);
            Assert.Equal(1, es.DeadLettered);
        }

        // The first request: a and b throttled (429), refuse-me refused for good, c and d created; the second only a and b.
        Assert.Equal(["\"a\"", "\"b\"", "\"c\"", "\"d\""], receiver.Siem.Bulk.Documents.Select(d => JsonDocument.Parse(d.Source).RootElement.GetProperty("id").GetRawText()).Order());
        Assert.Equal(2, receiver.Emulator.Requests.Count(EmulatedRoute.Bulk, 200));
        Assert.Equal([TimeSpan.FromSeconds(3)], time.Delays);
        var letter = JsonDocument.Parse(File.ReadAllLines(Path.Combine(folder, "out", "output-dead-letters.jsonl")).Single()).RootElement;
        Assert.Equal("rejected", letter.GetProperty("reason").GetString());
        Assert.Equal("HTTP 400 document_parsing_exception: [1:1] failed to parse field [process] of type [keyword] in document", letter.GetProperty("detail").GetString());
        Assert.Contains("refuse-me", letter.GetProperty("event").GetString(), StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task AThrottledRequestWaitsForRetryAfterOnTheInjectedClock()
    {
        var folder = Directory.CreateTempSubdirectory("dc-es-").FullName;
        var key = Key();
        await using var receiver = Prepare(await HttpReceiver.StartAsync(folder), key);
        receiver.Emulator.Faults.Enqueue(EmulatedRoute.Bulk, new ScriptedFault(429, RetryAfterSeconds: 9), new ScriptedFault(503));
        var time = new AutoAdvancingTimeProvider(DateTimeOffset.UtcNow);
        await using (var es = HttpReceiver.CreateOutput(folder, Settings(receiver, """, "retryDelay": 1"""), time, new() { ["DC_ES_KEY"] = key }))
        {
            await es.WriteAsync(HecOutputTests.Batch("a", "b", "c"), CancellationToken.None);
        }

        // 429 with Retry-After: 9 s; then 503 without: the exponential backoff's second step, 2 s.
        Assert.Equal([TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(2)], time.Delays);
        Assert.Equal(3, receiver.Siem.Bulk.Documents.Count);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task ARequestTheReceiverFindsTooLargeIsSplitAndAnEventTooLargeAloneIsDeadLettered()
    {
        var folder = Directory.CreateTempSubdirectory("dc-es-").FullName;
        var key = Key();
        await using var receiver = Prepare(await HttpReceiver.StartAsync(folder), key);
        receiver.Siem.Bulk.MaxContentLength = 600;
        var time = new AutoAdvancingTimeProvider(DateTimeOffset.UtcNow);
        var ids = Enumerable.Range(0, 12).Select(i => $"event-{i}").Append(new string('x', 700)).ToArray();
        await using (var es = HttpReceiver.CreateOutput(folder, Settings(receiver), time, new() { ["DC_ES_KEY"] = key }))
        {
            await es.WriteAsync(HecOutputTests.Batch(ids), CancellationToken.None);
            Assert.Equal(1, es.DeadLettered);
        }

        Assert.Equal(12, receiver.Siem.Bulk.Documents.Count);
        Assert.True(receiver.Emulator.Requests.Count(EmulatedRoute.Bulk, 413) > 1);
        var letter = JsonDocument.Parse(File.ReadAllLines(Path.Combine(folder, "out", "output-dead-letters.jsonl")).Single()).RootElement;
        Assert.Equal("too_large", letter.GetProperty("reason").GetString());
        Directory.Delete(folder, recursive: true);
    }
}
