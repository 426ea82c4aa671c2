using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace DefenderConnector.Emulator.Http;

/// <summary>
/// Elasticsearch's (and OpenSearch's) <c>_bulk</c> as documented (see README.md): authentication first (401
/// security_exception), <c>http.max_content_length</c> (413), an empty body or one not ending in a newline
/// (400), then item by item: data streams take only <c>create</c>, a document that is not a JSON object is a
/// <c>document_parsing_exception</c>, credentials without rights on the target get 403, a busy write pool 429
/// <c>es_rejected_execution_exception</c>. The answer lists each item with its status, <c>errors</c> true when any failed.
/// </summary>
public sealed class BulkStandIn
{
    private readonly object _gate = new();
    private readonly Dictionary<string, string[]> _credentials = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dataStreams = new(StringComparer.Ordinal);
    private readonly List<BulkDocument> _documents = [];
    private int _throttleItems;

    /// <summary><c>http.max_content_length</c>, default 100 MB.</summary>
    public long MaxContentLength { get; set; } = 100L * 1024 * 1024;

    /// <summary>Documents containing this text are refused (item 400) with <see cref="RejectType"/> and <see cref="RejectReason"/>.</summary>
    public string? RejectDocumentsContaining { get; set; }

    public string RejectType { get; set; } = "document_parsing_exception";

    public string RejectReason { get; set; } = "[1:1] failed to parse field [process] of type [keyword] in document";

    public IReadOnlyList<BulkDocument> Documents
    {
        get
        {
            lock (_gate)
            {
                return _documents.ToArray();
            }
        }
    }

    /// <summary>An API key (the encoded form sent after "ApiKey ") that may write to targets starting with one of the prefixes.</summary>
    public void AddApiKey(string encoded, params string[] writablePrefixes)
    {
        lock (_gate)
        {
            _credentials["ApiKey " + encoded] = writablePrefixes;
        }
    }

    public void AddUser(string user, string password, params string[] writablePrefixes)
    {
        lock (_gate)
        {
            _credentials["Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"))] = writablePrefixes;
        }
    }

    public void AddDataStream(string name)
    {
        lock (_gate)
        {
            _dataStreams.Add(name);
        }
    }

    /// <summary>The next <paramref name="items"/> items are refused with 429, as a full write thread pool does.</summary>
    public void ThrottleNextItems(int items)
    {
        lock (_gate)
        {
            _throttleItems += items;
        }
    }

    internal async Task BulkAsync(HttpContext context, string? pathTarget, FaultScript faults, RequestJournal journal)
    {
        var (status, body, retryAfter) = await HandleAsync(context, pathTarget, faults).ConfigureAwait(false);
        journal.Add(new JournalEntry(EmulatedRoute.Bulk, context.Request.Path.Value ?? "", status));
        if (status == 401)
        {
            context.Response.Headers.WWWAuthenticate = "ApiKey, Basic realm=\"security\", charset=\"UTF-8\"";
        }

        await SiemRequest.WriteAsync(context, status, body, retryAfter).ConfigureAwait(false);
    }

    private async Task<(int Status, string? Body, int? RetryAfter)> HandleAsync(HttpContext context, string? pathTarget, FaultScript faults)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        string[]? writable;
        lock (_gate)
        {
            _credentials.TryGetValue(authorization, out writable);
        }

        if (writable is null)
        {
            var reason = authorization.Length == 0
                ? $"missing authentication credentials for REST request [{context.Request.Path}]"
                : $"unable to authenticate with provided credentials and anonymous access is not allowed for this request";
            return (401, Error("security_exception", reason, 401), null);
        }

        if (faults.Take(EmulatedRoute.Bulk, string.Empty) is { } fault)
        {
            var type = fault.Status == 429 ? "es_rejected_execution_exception" : fault.Status == 503 ? "cluster_block_exception" : "exception";
            return (fault.Status, Error(type, "scripted failure", fault.Status), fault.RetryAfterSeconds);
        }

        if (context.Request.ContentLength is { } length && length > MaxContentLength)
        {
            return (413, null, null);
        }

        var body = await SiemRequest.BodyAsync(context.Request).ConfigureAwait(false);
        if (body.Length == 0)
        {
            return (400, Error("parse_exception", "request body is required", 400), null);
        }

        if (body[^1] != (byte)'\n')
        {
            return (400, Error("illegal_argument_exception", "The bulk request must be terminated by a newline [\\n]", 400), null);
        }

        var lines = Encoding.UTF8.GetString(body, 0, body.Length - 1).Split('\n');
        var items = new JsonArray();
        var errors = false;
        for (var i = 0; i < lines.Length; i++)
        {
            string action;
            string? target;
            try
            {
                using var actionLine = JsonDocument.Parse(lines[i]);
                var property = actionLine.RootElement.EnumerateObject().First();
                action = property.Name;
                target = property.Value.TryGetProperty("_index", out var index) ? index.GetString() : pathTarget;
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                return (400, Error("illegal_argument_exception", $"Malformed action/metadata line [{i + 1}], expected START_OBJECT", 400), null);
            }

            var source = action == "delete" ? null : i + 1 < lines.Length ? lines[++i] : null;
            var item = Item(action, target ?? "", source, writable);
            errors |= item["status"]!.GetValue<int>() >= 300;
            items.Add(new JsonObject { [action] = item });
        }

        return (200, new JsonObject { ["errors"] = errors, ["took"] = 1, ["items"] = items }.ToJsonString(), null);
    }

    private JsonObject Item(string action, string target, string? source, string[] writable)
    {
        JsonObject Failed(int status, string type, string reason) => new()
        {
            ["_index"] = target,
            ["status"] = status,
            ["error"] = new JsonObject { ["type"] = type, ["reason"] = reason },
        };

        lock (_gate)
        {
            if (target.Length == 0)
            {
                return Failed(400, "action_request_validation_exception", "Validation Failed: 1: index is missing;");
            }

            if (!writable.Any(prefix => target.StartsWith(prefix, StringComparison.Ordinal)))
            {
                return Failed(403, "security_exception", $"action [indices:data/write/bulk[s]] is unauthorized for this API key or user on indices [{target}]");
            }

            var dataStream = _dataStreams.Contains(target);
            if (dataStream && action != "create")
            {
                return Failed(400, "illegal_argument_exception", $"only write ops with an op_type of create are allowed in data streams");
            }

            if (_throttleItems > 0)
            {
                _throttleItems--;
                return Failed(429, "es_rejected_execution_exception", "rejected execution of primary operation [coordinating_and_primary_bytes=0] (write thread pool queue is full)");
            }

            if (source is null || !IsObject(source))
            {
                return Failed(400, "document_parsing_exception", "[1:1] failed to parse: the document is not a JSON object");
            }

            if (RejectDocumentsContaining is { } marker && source.Contains(marker, StringComparison.Ordinal))
            {
                return Failed(400, RejectType, RejectReason);
            }

            _documents.Add(new BulkDocument(target, action, source));
            return new JsonObject
            {
                ["_index"] = dataStream ? $".ds-{target}-{DateTime.UtcNow:yyyy.MM.dd}-000001" : target,
                ["_id"] = Guid.NewGuid().ToString("N")[..20],
                ["_version"] = 1,
                ["result"] = "created",
                ["status"] = 201,
            };
        }
    }

    private static bool IsObject(string source)
    {
        try
        {
            using var document = JsonDocument.Parse(source);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Error(string type, string reason, int status) => new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["root_cause"] = new JsonArray(new JsonObject { ["type"] = type, ["reason"] = reason }),
            ["type"] = type,
            ["reason"] = reason,
        },
        ["status"] = status,
    }.ToJsonString();
}
