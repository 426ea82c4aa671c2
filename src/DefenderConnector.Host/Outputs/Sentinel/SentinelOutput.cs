using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using DefenderConnector.Abstractions;
using DefenderConnector.Host.Outputs.Http;
using Microsoft.Extensions.Logging;
using Polly;

namespace DefenderConnector.Host.Outputs.Sentinel;

/// <summary>
/// Microsoft Sentinel through the Azure Monitor Logs Ingestion API: each request a JSON array of events posted to
/// <c>{endpoint}/dataCollectionRules/{dcr}/streams/{stream}</c> with the app's Entra token, at most
/// <c>maxRequestBytes</c> (the API takes 1 MB per call) before gzip. A batch is confirmed when every request was
/// answered 204. An event larger than a request alone is dead-lettered; 413 splits; 429/503 wait as
/// <c>Retry-After</c> says; 401/403 stop with a diagnosis. Written over HttpClient rather than with
/// Azure.Monitor.Ingestion, which this project cannot restore.
/// </summary>
internal sealed class SentinelOutput : IOutput
{
    private readonly SentinelOutputOptions _options;
    private readonly HostDeadLetterFile _deadLetters;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _retry;
    private readonly HttpOutputClient _client;
    private readonly EntraTokenSource _tokens;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public SentinelOutput(SentinelOutputOptions options, HostDeadLetterFile deadLetters, TimeProvider time, ILogger logger)
    {
        _options = options;
        _deadLetters = deadLetters;
        _time = time;
        _client = new HttpOutputClient(Kind, options.Endpoint);
        _tokens = new EntraTokenSource(options, _client.Handler);
        _retry = DeliveryRetry.Build(options.Endpoint.Retry, time, (e, attempt, delay) => OutputLog.Retrying(logger, Kind, attempt + 1, delay.TotalSeconds, e.Message));
    }

    public string Kind => "sentinel";

    public string Destination => $"{HttpEndpointOptions.Describe(_options.Endpoint.Url)} (rule {_options.RuleId}, stream {_options.Stream})";

    public long DeadLettered => _deadLetters.Count;

    private const string AuthHint = "output.sentinel.clientId and the app's role on the data collection rule (Monitoring Metrics Publisher)";

    public async ValueTask WriteAsync(EventBatch batch, CancellationToken cancellationToken)
    {
        var documents = EventPayloads.Documents(batch);
        var pending = new PendingEvents(documents.Count);
        var letters = new List<HostDeadLetter>();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _retry.ExecuteAsync(async token => await DeliverAsync(batch, documents, pending, letters, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        await _deadLetters.AppendAsync(letters, cancellationToken).ConfigureAwait(false);
    }

    private async Task DeliverAsync(EventBatch batch, IReadOnlyList<ReadOnlyMemory<byte>> documents, PendingEvents pending, List<HostDeadLetter> letters, CancellationToken cancellationToken)
    {
        var (requests, tooLarge) = RequestPacker.Pack(pending.Indexes(), i => documents[i].Length + 1, 2, _options.Endpoint.MaxRequestBytes);
        foreach (var index in tooLarge)
        {
            letters.Add(Letter(batch, index, "too_large", $"the event is larger than one Logs Ingestion call may be (maxRequestBytes {_options.Endpoint.MaxRequestBytes}; the API takes at most 1 MB)"));
            pending.Done(index);
        }

        var queue = new Queue<List<int>>(requests);
        while (queue.TryDequeue(out var request))
        {
            var token = await _tokens.TokenAsync(cancellationToken).ConfigureAwait(false);
            var answer = await _client.SendAsync(IngestRequest(Body(documents, request), token), _time, cancellationToken).ConfigureAwait(false);
            if (answer.IsSuccess)
            {
                pending.Done(request);
            }
            else if (answer.Status == 413 && request.Count > 1)
            {
                queue.Enqueue(request[..(request.Count / 2)]);
                queue.Enqueue(request[(request.Count / 2)..]);
            }
            else if (answer.Status == 413)
            {
                letters.Add(Letter(batch, request[0], "too_large", $"the receiver refused the event as too large (HTTP 413: {Detail(answer)})"));
                pending.Done(request[0]);
            }
            else
            {
                throw HttpFailure.From(Kind, _options.IngestUrl, answer, Detail(answer), AuthHint);
            }
        }
    }

    private static ReadOnlyMemory<byte> Body(IReadOnlyList<ReadOnlyMemory<byte>> documents, List<int> request)
    {
        var body = new ArrayBufferWriter<byte>(request.Sum(i => documents[i].Length + 1) + 2);
        body.Write("["u8);
        for (var k = 0; k < request.Count; k++)
        {
            if (k > 0)
            {
                body.Write(","u8);
            }

            body.Write(documents[request[k]].Span);
        }

        body.Write("]"u8);
        return body.WrittenMemory;
    }

    private HttpRequestMessage IngestRequest(ReadOnlyMemory<byte> body, string token)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, _options.IngestUrl) { Content = _client.Content(body, "application/json") };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        message.Headers.TryAddWithoutValidation("x-ms-client-request-id", Guid.NewGuid().ToString());
        return message;
    }

    /// <summary>The service's error as "code: message" (Azure's <c>{"error":{"code","message"}}</c>), or the body's start.</summary>
    private static string Detail(HttpAnswer answer)
    {
        try
        {
            using var document = JsonDocument.Parse(answer.Body);
            if (document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                return $"{(error.TryGetProperty("code", out var c) ? c.GetString() : "error")}: {(error.TryGetProperty("message", out var m) ? m.GetString() : "")}";
            }
        }
        catch (JsonException)
        {
            // Not JSON: the excerpt says what it was.
        }

        return answer.Body.Length == 0 ? "no body" : answer.Excerpt();
    }

    private HostDeadLetter Letter(EventBatch batch, int index, string reason, string detail) =>
        new(Kind, reason, detail, batch.Source, batch.Format, batch.Events[index]);

    /// <summary>
    /// test-connectivity: an Entra token for the app, then an empty array posted to the stream, which proves that
    /// the endpoint, the rule, the stream and the app's right to ingest are all in order while adding no record.
    /// </summary>
    public async Task<ConnectivityReport> ProbeAsync(CancellationToken cancellationToken)
    {
        string token;
        try
        {
            token = await _tokens.TokenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OutputDeliveryException e)
        {
            return new ConnectivityReport($"output {Kind}", "Failed", e.Message,
                [new ConnectivityHop("entra", HopVerdict.Failed, e.Message), new ConnectivityHop("ingest", HopVerdict.Skipped, "not tried")],
                [new("destination", Destination)]);
        }

        var entra = new ConnectivityHop("entra", HopVerdict.Passed, $"token issued for {_options.Scope} to app {_options.ClientId} ({(_options.ClientSecret is { } s ? $"secret from {s.Origin}" : "certificate")})");
        var report = await HttpProbe.RunAsync(Kind, _options.IngestUrl, async probeToken =>
        {
            var answer = await _client.SendAsync(IngestRequest("[]"u8.ToArray(), token), _time, probeToken).ConfigureAwait(false);
            if (answer.IsSuccess)
            {
                return $"the app may ingest into stream {_options.Stream} of rule {_options.RuleId}; an empty array was sent, no record added";
            }

            throw HttpFailure.From(Kind, _options.IngestUrl, answer, Detail(answer), AuthHint);
        }, null, cancellationToken).ConfigureAwait(false);
        return report with { Hops = [entra, .. report.Hops] };
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _deadLetters.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}
