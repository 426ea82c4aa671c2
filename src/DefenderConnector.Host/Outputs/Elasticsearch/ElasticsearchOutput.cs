using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DefenderConnector.Abstractions;
using DefenderConnector.Host.Outputs.Http;
using Microsoft.Extensions.Logging;
using Polly;

namespace DefenderConnector.Host.Outputs.Elasticsearch;

/// <summary>
/// Elasticsearch / OpenSearch <c>_bulk</c>: each event one document (<c>create</c> for a data stream, <c>index</c>
/// for an index), requests of at most <c>maxRequestBytes</c>. The bulk answer is read item by item: an item refused
/// for good (a mapping conflict, a bad document) is dead-lettered with the receiver's error type and reason and does
/// not hold up the batch; an item refused with 429 (or 5xx) is sent again, alone with the others like it, after a
/// backoff. A whole request refused with 429/503 backs off (honouring <c>Retry-After</c>); 413 splits it; 401/403
/// stop with a diagnosis. With several URLs, a node that cannot be reached or is unavailable hands over to the next.
/// </summary>
internal sealed class ElasticsearchOutput : IOutput
{
    private readonly ElasticsearchOutputOptions _options;
    private readonly HostDeadLetterFile _deadLetters;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _retry;
    private readonly HttpOutputClient _client;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly byte[] _action;
    private readonly string? _authorization;
    private int _node;

    public ElasticsearchOutput(ElasticsearchOutputOptions options, HostDeadLetterFile deadLetters, TimeProvider time, ILogger logger)
    {
        _options = options;
        _deadLetters = deadLetters;
        _time = time;
        _client = new HttpOutputClient(Kind, options.Endpoint);
        _retry = DeliveryRetry.Build(options.Endpoint.Retry, time, (e, attempt, delay) => OutputLog.Retrying(logger, Kind, attempt + 1, delay.TotalSeconds, e.Message));
        _action = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, Dictionary<string, string>> { [options.DataStream ? "create" : "index"] = new() { ["_index"] = options.Target } }).Append((byte)'\n').ToArray();
        _authorization = options.ApiKey is { } key ? "ApiKey " + key.Value
            : options.Username is { } user ? "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{options.Password!.Value}"))
            : null;
    }

    public string Kind => "elasticsearch";

    public string Destination => $"{HttpEndpointOptions.Describe(Node)} ({(_options.DataStream ? "data stream" : "index")} {_options.Target})";

    public long DeadLettered => _deadLetters.Count;

    private Uri Node => _options.Endpoint.Urls[_node % _options.Endpoint.Urls.Count];

    private Uri BulkUrl => new(Node, Node.AbsolutePath.TrimEnd('/') + "/_bulk");

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
        var (requests, tooLarge) = RequestPacker.Pack(pending.Indexes(), i => _action.Length + documents[i].Length + 1, 0, _options.Endpoint.MaxRequestBytes);
        foreach (var index in tooLarge)
        {
            letters.Add(Letter(batch, index, "too_large", $"the document with its action line is larger than maxRequestBytes ({_options.Endpoint.MaxRequestBytes})"));
            pending.Done(index);
        }

        var again = 0;
        string? againReason = null;
        var queue = new Queue<List<int>>(requests);
        while (queue.TryDequeue(out var request))
        {
            HttpAnswer answer;
            try
            {
                answer = await _client.SendAsync(BulkRequest(documents, request), _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OutputDeliveryException e) when (e.IsTransient)
            {
                _node++;
                throw;
            }

            if (answer.Status == 413 && request.Count > 1)
            {
                queue.Enqueue(request[..(request.Count / 2)]);
                queue.Enqueue(request[(request.Count / 2)..]);
                continue;
            }

            if (answer.Status == 413)
            {
                letters.Add(Letter(batch, request[0], "too_large", $"the receiver refused the document as too large (HTTP 413: {BulkResponse.Detail(answer)})"));
                pending.Done(request[0]);
                continue;
            }

            if (!answer.IsSuccess)
            {
                if (answer.Status is 502 or 503 or 504)
                {
                    _node++;
                }

                throw HttpFailure.From(Kind, BulkUrl, answer, BulkResponse.Detail(answer), _options.AuthHint);
            }

            var items = BulkResponse.Items(answer, request.Count)
                ?? throw new OutputDeliveryException($"{Kind} output {Destination}: the answer to _bulk is not a bulk answer for {request.Count} items ({answer.Excerpt(120)}).", true);
            for (var k = 0; k < request.Count; k++)
            {
                var item = items[k];
                if (item.Status is >= 200 and < 300)
                {
                    pending.Done(request[k]);
                }
                else if (item.Status is 429 or >= 500 or 0)
                {
                    again++;
                    againReason ??= $"{item.Status} {item.ErrorType}";
                }
                else
                {
                    letters.Add(Letter(batch, request[k], "rejected", $"HTTP {item.Status} {item.ErrorType}: {item.Reason}"));
                    pending.Done(request[k]);
                }
            }
        }

        if (again > 0)
        {
            throw new OutputDeliveryException($"{Kind} output {Destination}: the receiver refused {again} items for now ({againReason}); sending only those again.", true);
        }
    }

    private HttpRequestMessage BulkRequest(IReadOnlyList<ReadOnlyMemory<byte>> documents, List<int> request)
    {
        var body = new ArrayBufferWriter<byte>(request.Sum(i => _action.Length + documents[i].Length + 1));
        foreach (var index in request)
        {
            body.Write(_action);
            body.Write(documents[index].Span);
            body.Write("\n"u8);
        }

        var message = new HttpRequestMessage(HttpMethod.Post, BulkUrl) { Content = _client.Content(body.WrittenMemory, "application/x-ndjson") };
        Authorize(message);
        return message;
    }

    private void Authorize(HttpRequestMessage message)
    {
        if (_authorization is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", _authorization);
        }
    }

    private HostDeadLetter Letter(EventBatch batch, int index, string reason, string detail) =>
        new(Kind, reason, detail, batch.Source, batch.Format, batch.Events[index]);

    /// <summary>
    /// test-connectivity: an empty <c>_bulk</c> request proves the credentials without writing (the cluster
    /// authenticates first, then refuses the empty body with 400); no test document is indexed.
    /// </summary>
    public Task<ConnectivityReport> ProbeAsync(CancellationToken cancellationToken) =>
        HttpProbe.RunAsync(Kind, BulkUrl, async token =>
        {
            var message = new HttpRequestMessage(HttpMethod.Post, BulkUrl) { Content = new ByteArrayContent([]) };
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
            Authorize(message);
            var answer = await _client.SendAsync(message, _time, token).ConfigureAwait(false);
            if (answer.Status is 400 or 200)
            {
                return $"credentials accepted ({(_options.ApiKey is { } key ? $"API key from {key.Origin}" : _options.Username is null ? "no credentials" : $"user {_options.Username}, password from {_options.Password!.Origin}")}); an empty _bulk request was answered HTTP {answer.Status}, nothing was indexed";
            }

            throw HttpFailure.From(Kind, BulkUrl, answer, BulkResponse.Detail(answer), _options.AuthHint);
        }, _ => Task.FromResult<IReadOnlyList<ConnectivityHop>>([new ConnectivityHop("write", HopVerdict.Warning, $"not tested: a test document would be indexed into {_options.Target}; the rights to write there are checked by the first batch")]), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _deadLetters.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}
