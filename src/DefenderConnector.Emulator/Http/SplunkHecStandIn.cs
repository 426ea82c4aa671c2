using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace DefenderConnector.Emulator.Http;

/// <summary>
/// Splunk's HTTP Event Collector as documented (see README.md): token checks first (codes 1–4), then size (413),
/// channel when the token uses acknowledgement (codes 10, 11), data (codes 5, 6, 7, 12, 13 with
/// <c>invalid-event-number</c>), then success with an <c>ackId</c> per channel; the ack endpoint (code 14 when off)
/// and the health endpoint (codes 17, 18). Events and tokens outlive a restart; acknowledgement state does not.
/// </summary>
public sealed class SplunkHecStandIn
{
    private readonly object _gate = new();
    private readonly Dictionary<string, HecToken> _tokens = new(StringComparer.Ordinal);
    private readonly List<HecEvent> _events = [];
    private readonly Dictionary<string, Dictionary<long, int>> _acks = new(StringComparer.Ordinal);
    private long _nextAck;

    /// <summary>Splunk's <c>max_content_length</c> (limits.conf, default 800 MB).</summary>
    public long MaxContentLength { get; set; } = 838_860_800;

    /// <summary>Polls an ackId needs before it reads true (indexing takes a moment).</summary>
    public int PollsUntilIndexed { get; set; } = 1;

    /// <summary>Events whose raw text contains this are refused as "Invalid data format" (code 6).</summary>
    public string? RejectEventsContaining { get; set; }

    public bool Unhealthy { get; set; }

    public HecToken AddToken(string value, bool useAck = false, params string[] indexes)
    {
        var token = new HecToken(value, useAck, indexes.Length == 0 ? null : indexes);
        lock (_gate)
        {
            _tokens[value] = token;
        }

        return token;
    }

    public IReadOnlyList<HecEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return _events.ToArray();
            }
        }
    }

    /// <summary>What a restarted Splunk forgets: every channel's pending acknowledgements.</summary>
    public void ForgetAcknowledgements()
    {
        lock (_gate)
        {
            _acks.Clear();
        }
    }

    internal async Task EventAsync(HttpContext context, FaultScript faults, RequestJournal journal)
    {
        var (status, body) = await HandleEventAsync(context, faults).ConfigureAwait(false);
        journal.Add(new JournalEntry(EmulatedRoute.HecEvent, context.Request.QueryString.Value ?? "", status.Status));
        await SiemRequest.WriteAsync(context, status.Status, body, status.RetryAfter).ConfigureAwait(false);
    }

    private async Task<((int Status, int? RetryAfter), string)> HandleEventAsync(HttpContext context, FaultScript faults)
    {
        var (token, refusal) = Authenticate(context.Request);
        if (refusal is not null)
        {
            return ((refusal.Value.Status, null), refusal.Value.Body);
        }

        if (faults.Take(EmulatedRoute.HecEvent, string.Empty) is { } fault)
        {
            return ((fault.Status, fault.RetryAfterSeconds), FaultBody(fault.Status));
        }

        if (context.Request.ContentLength is { } length && length > MaxContentLength)
        {
            return ((413, null), Reply($"Content-Length of {length} too large (maximum is {MaxContentLength})", null));
        }

        var channel = context.Request.Headers["X-Splunk-Request-Channel"].ToString();
        channel = channel.Length > 0 ? channel : context.Request.Query["channel"].ToString();
        if (token!.UseAck && channel.Length == 0)
        {
            return ((400, null), Reply("Data channel is missing", 10));
        }

        if (token.UseAck && !Guid.TryParse(channel, out _))
        {
            return ((400, null), Reply("Invalid data channel", 11));
        }

        var body = await SiemRequest.BodyAsync(context.Request).ConfigureAwait(false);
        if (body.Length == 0 || body.AsSpan().Trim(" \r\n\t"u8).Length == 0)
        {
            return ((400, null), Reply("No data", 5));
        }

        var (parsed, invalid) = Parse(body, token);
        if (invalid is { } problem)
        {
            return ((400, null), Reply(problem.Text, problem.Code, problem.Index));
        }

        lock (_gate)
        {
            _events.AddRange(parsed);
            if (!token.UseAck)
            {
                return ((200, null), Reply("Success", 0));
            }

            var id = _nextAck++;
            if (!_acks.TryGetValue(channel, out var pending))
            {
                _acks[channel] = pending = [];
            }

            pending[id] = PollsUntilIndexed;
            return ((200, null), new JsonObject { ["text"] = "Success", ["code"] = 0, ["ackId"] = id }.ToJsonString());
        }
    }

    private (List<HecEvent> Events, (string Text, int Code, int Index)? Invalid) Parse(byte[] body, HecToken token)
    {
        var events = new List<HecEvent>();
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { AllowMultipleValues = true });
        var number = 0;
        try
        {
            while (reader.Read())
            {
                using var document = JsonDocument.ParseValue(ref reader);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return (events, ("Invalid data format", 6, number));
                }

                if (!root.TryGetProperty("event", out var value))
                {
                    return (events, ("Event field is required", 12, number));
                }

                if (value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0)
                {
                    return (events, ("Event field cannot be blank", 13, number));
                }

                var raw = value.GetRawText();
                if (RejectEventsContaining is { } marker && raw.Contains(marker, StringComparison.Ordinal))
                {
                    return (events, ("Invalid data format", 6, number));
                }

                var index = Text(root, "index");
                if (index is not null && token.Indexes is not null && !token.Indexes.Contains(index))
                {
                    return (events, ("Incorrect index", 7, number));
                }

                events.Add(new HecEvent(raw, index, Text(root, "sourcetype"), Text(root, "source"), Text(root, "host"), token.Value));
                number++;
            }
        }
        catch (JsonException)
        {
            return (events, ("Invalid data format", 6, number));
        }

        return (events, null);
    }

    internal async Task AckAsync(HttpContext context, RequestJournal journal)
    {
        var (status, body) = await HandleAckAsync(context).ConfigureAwait(false);
        journal.Add(new JournalEntry(EmulatedRoute.HecAck, context.Request.QueryString.Value ?? "", status));
        await SiemRequest.WriteAsync(context, status, body).ConfigureAwait(false);
    }

    private async Task<(int Status, string Body)> HandleAckAsync(HttpContext context)
    {
        var (token, refusal) = Authenticate(context.Request);
        if (refusal is not null)
        {
            return refusal.Value;
        }

        if (!token!.UseAck)
        {
            return (400, Reply("ACK is disabled", 14));
        }

        var channel = context.Request.Query["channel"].ToString();
        channel = channel.Length > 0 ? channel : context.Request.Headers["X-Splunk-Request-Channel"].ToString();
        if (channel.Length == 0)
        {
            return (400, Reply("Data channel is missing", 10));
        }

        long[] ids;
        try
        {
            using var document = JsonDocument.Parse(await SiemRequest.BodyAsync(context.Request).ConfigureAwait(false));
            ids = document.RootElement.GetProperty("acks").EnumerateArray().Select(a => a.GetInt64()).ToArray();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return (400, Reply("Invalid data format", 6));
        }

        var result = new JsonObject();
        lock (_gate)
        {
            _acks.TryGetValue(channel, out var pending);
            foreach (var id in ids)
            {
                var indexed = false;
                if (pending is not null && pending.TryGetValue(id, out var polls))
                {
                    indexed = polls <= 1;
                    if (indexed)
                    {
                        pending.Remove(id);
                    }
                    else
                    {
                        pending[id] = polls - 1;
                    }
                }

                result[id.ToString(System.Globalization.CultureInfo.InvariantCulture)] = indexed;
            }
        }

        return (200, new JsonObject { ["acks"] = result }.ToJsonString());
    }

    internal Task HealthAsync(HttpContext context) => Unhealthy
        ? SiemRequest.WriteAsync(context, 503, Reply("HEC is unhealthy, queues are full", 18))
        : SiemRequest.WriteAsync(context, 200, Reply("HEC is healthy", 17));

    private (HecToken? Token, (int Status, string Body)? Refusal) Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return (null, (401, Reply("Token is required", 2)));
        }

        if (!header.StartsWith("Splunk ", StringComparison.Ordinal))
        {
            return (null, (401, Reply("Invalid authorization", 3)));
        }

        lock (_gate)
        {
            if (!_tokens.TryGetValue(header["Splunk ".Length..], out var token))
            {
                return (null, (403, Reply("Invalid token", 4)));
            }

            return token.Enabled ? (token, null) : (null, (403, Reply("Token disabled", 1)));
        }
    }

    private static string FaultBody(int status) => status switch
    {
        503 => Reply("Server is busy", 9),
        500 => Reply("Internal server error", 8),
        _ => Reply("Scripted failure", null),
    };

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Reply(string text, int? code, int? invalidEvent = null)
    {
        var reply = new JsonObject { ["text"] = text };
        if (code is not null)
        {
            reply["code"] = code;
        }

        if (invalidEvent is not null)
        {
            reply["invalid-event-number"] = invalidEvent;
        }

        return reply.ToJsonString();
    }
}
