using System.Buffers;
using System.Text.Json;
using DefenderConnector.Abstractions;
using DefenderConnector.Host.Outputs.Http;
using Microsoft.Extensions.Logging;
using Polly;

namespace DefenderConnector.Host.Outputs.Hec;

/// <summary>
/// Splunk HTTP Event Collector: each event in a JSON envelope (host, source, sourcetype, index, event), as many per
/// request as <c>maxRequestBytes</c> allows. Without acknowledgement a batch is confirmed by HTTP 200 with code 0;
/// with <c>useAck</c> only when the ack endpoint reports every request's ackId as indexed. A refused event (code 6
/// with <c>invalid-event-number</c>) is dead-lettered and the rest sent again; a request too large (413) is split;
/// busy, throttled or unreachable backs off; what failed is sent again, what was confirmed is not.
/// </summary>
internal sealed class HecOutput : IOutput
{
    private readonly HecOutputOptions _options;
    private readonly HostDeadLetterFile _deadLetters;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _retry;
    private readonly HttpOutputClient _client;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _channel = Guid.NewGuid().ToString();

    public HecOutput(HecOutputOptions options, HostDeadLetterFile deadLetters, TimeProvider time, ILogger logger)
    {
        _options = options;
        _deadLetters = deadLetters;
        _time = time;
        _client = new HttpOutputClient(Kind, options.Endpoint);
        _retry = DeliveryRetry.Build(options.Endpoint.Retry, time, (e, attempt, delay) => OutputLog.Retrying(logger, Kind, attempt + 1, delay.TotalSeconds, e.Message));
    }

    public string Kind => "hec";

    public string Destination => HttpEndpointOptions.Describe(_options.Endpoint.Url);

    public long DeadLettered => _deadLetters.Count;

    private Uri EventUrl => new(_options.Endpoint.Url, _options.Endpoint.Url.AbsolutePath.TrimEnd('/') + "/services/collector/event");

    private Uri AckUrl => new(_options.Endpoint.Url, _options.Endpoint.Url.AbsolutePath.TrimEnd('/') + $"/services/collector/ack?channel={_channel}");

    private Uri HealthUrl => new(_options.Endpoint.Url, _options.Endpoint.Url.AbsolutePath.TrimEnd('/') + "/services/collector/health");

    public async ValueTask WriteAsync(EventBatch batch, CancellationToken cancellationToken)
    {
        var events = EventPayloads.Values(batch);
        var prefix = Prefix(batch.Format);
        var pending = new PendingEvents(events.Count);
        var letters = new List<HostDeadLetter>();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _retry.ExecuteAsync(async token => await DeliverAsync(batch, events, prefix, pending, letters, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        await _deadLetters.AppendAsync(letters, cancellationToken).ConfigureAwait(false);
    }

    private async Task DeliverAsync(EventBatch batch, IReadOnlyList<ReadOnlyMemory<byte>> events, byte[] prefix, PendingEvents pending, List<HostDeadLetter> letters, CancellationToken cancellationToken)
    {
        var (requests, tooLarge) = RequestPacker.Pack(pending.Indexes(), i => prefix.Length + events[i].Length + 2, 0, _options.Endpoint.MaxRequestBytes);
        foreach (var index in tooLarge)
        {
            letters.Add(Letter(batch, index, "too_large", $"the event in its HEC envelope is larger than maxRequestBytes ({_options.Endpoint.MaxRequestBytes})"));
            pending.Done(index);
        }

        var unacknowledged = new Dictionary<long, List<int>>();
        var queue = new Queue<List<int>>(requests);
        while (queue.TryDequeue(out var request))
        {
            var answer = await _client.SendAsync(EventRequest(Body(events, prefix, request)), _time, cancellationToken).ConfigureAwait(false);
            var reply = HecReply.Parse(answer);
            if (answer.IsSuccess && reply.Code is null or 0)
            {
                if (_options.UseAck && reply.AckId is { } ackId)
                {
                    unacknowledged[ackId] = request;
                }
                else if (_options.UseAck)
                {
                    throw new OutputDeliveryException($"hec output {Destination}: useAck is true, but the receiver returned no ackId; turn on indexer acknowledgement for the token or set output.hec.useAck to false.", false);
                }
                else
                {
                    pending.Done(request);
                }
            }
            else if (answer.Status == 413 && request.Count > 1)
            {
                // The receiver's limit is below maxRequestBytes: halve the request until it fits.
                queue.Enqueue(request[..(request.Count / 2)]);
                queue.Enqueue(request[(request.Count / 2)..]);
            }
            else if (answer.Status == 413)
            {
                letters.Add(Letter(batch, request[0], "too_large", $"the receiver refused the event as too large (HTTP 413: {reply.Detail})"));
                pending.Done(request[0]);
            }
            else if (answer.Status == 400 && reply.InvalidEvent is { } invalid && invalid >= 0 && invalid < request.Count)
            {
                // One event was refused; HEC may have indexed those before it, so the rest go again (at least once).
                letters.Add(Letter(batch, request[invalid], "rejected", $"HEC refused the event: {reply.Detail}"));
                pending.Done(request[invalid]);
                var rest = request.Where((_, position) => position != invalid).ToList();
                if (rest.Count > 0)
                {
                    queue.Enqueue(rest);
                }
            }
            else
            {
                throw reply.Failure(answer, EventUrl, _options);
            }
        }

        if (unacknowledged.Count > 0)
        {
            await AwaitAcknowledgementsAsync(unacknowledged, pending, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Polls the ack endpoint until every request is indexed; after <c>ackTimeout</c> the rest are sent again.</summary>
    private async Task AwaitAcknowledgementsAsync(Dictionary<long, List<int>> unacknowledged, PendingEvents pending, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + _options.AckTimeout;
        while (true)
        {
            var answer = await _client.SendAsync(AckRequest(unacknowledged.Keys), _time, cancellationToken).ConfigureAwait(false);
            if (!answer.IsSuccess)
            {
                throw HecReply.Parse(answer).Failure(answer, AckUrl, _options);
            }

            foreach (var id in Acknowledged(answer))
            {
                if (unacknowledged.Remove(id, out var request))
                {
                    pending.Done(request);
                }
            }

            if (unacknowledged.Count == 0)
            {
                return;
            }

            if (_time.GetUtcNow() >= deadline)
            {
                throw new OutputDeliveryException($"hec output {Destination}: {unacknowledged.Count} requests not acknowledged by the indexers within {_options.AckTimeout.TotalSeconds:0} s (ackTimeout); sending them again.", true);
            }

            await Task.Delay(_options.AckPollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static IEnumerable<long> Acknowledged(HttpAnswer answer)
    {
        using var document = JsonDocument.Parse(answer.Body);
        if (!document.RootElement.TryGetProperty("acks", out var acks) || acks.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        return acks.EnumerateObject().Where(a => a.Value.ValueKind == JsonValueKind.True && long.TryParse(a.Name, out _)).Select(a => long.Parse(a.Name, System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }

    private byte[] Prefix(string format)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("host", _options.Host);
            writer.WriteString("source", _options.Source);
            writer.WriteString("sourcetype", _options.SourceType ?? $"defender:{format.ToLowerInvariant()}");
            if (_options.Index is not null)
            {
                writer.WriteString("index", _options.Index);
            }

            writer.WritePropertyName("event");
            writer.Flush();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static ReadOnlyMemory<byte> Body(IReadOnlyList<ReadOnlyMemory<byte>> events, byte[] prefix, List<int> request)
    {
        var body = new ArrayBufferWriter<byte>(request.Sum(i => prefix.Length + events[i].Length + 2));
        foreach (var index in request)
        {
            body.Write(prefix);
            body.Write(events[index].Span);
            body.Write("}\n"u8);
        }

        return body.WrittenMemory;
    }

    private HttpRequestMessage EventRequest(ReadOnlyMemory<byte> body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, EventUrl) { Content = _client.Content(body, "application/json") };
        Authorize(request);
        return request;
    }

    private HttpRequestMessage AckRequest(IEnumerable<long> ids)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, long[]> { ["acks"] = ids.ToArray() });
        var request = new HttpRequestMessage(HttpMethod.Post, AckUrl) { Content = new ByteArrayContent(json) };
        request.Content.Headers.ContentType = new("application/json");
        Authorize(request);
        return request;
    }

    private void Authorize(HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation("Authorization", "Splunk " + _options.Token.Value);
        request.Headers.TryAddWithoutValidation("X-Splunk-Request-Channel", _channel);
    }

    private HostDeadLetter Letter(EventBatch batch, int index, string reason, string detail) =>
        new(Kind, reason, detail, batch.Source, batch.Format, batch.Events[index]);

    public Task<ConnectivityReport> ProbeAsync(CancellationToken cancellationToken) => HecProbe.RunAsync(this, cancellationToken);

    internal async Task<HttpAnswer> ProbeRequestAsync(string what, CancellationToken cancellationToken)
    {
        var request = what switch
        {
            "event" => EventRequest(ReadOnlyMemory<byte>.Empty),
            "ack" => AckRequest([0]),
            _ => new HttpRequestMessage(HttpMethod.Get, HealthUrl),
        };
        return await _client.SendAsync(request, _time, cancellationToken).ConfigureAwait(false);
    }

    internal HecOutputOptions Options => _options;

    internal Uri Url(string what) => what switch { "event" => EventUrl, "ack" => AckUrl, _ => HealthUrl };

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _deadLetters.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}
