using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace DefenderConnector.Emulator.Http;

/// <summary>
/// Azure Monitor's Logs Ingestion API as documented (see README.md): <c>POST
/// /dataCollectionRules/{immutableId}/streams/{stream}?api-version=...</c> with an Entra bearer token for
/// <c>https://monitor.azure.com</c> issued by the stand-in's directory (401 otherwise), the app holding
/// "Monitoring Metrics Publisher" on the rule (403 otherwise), a JSON array body of at most 1 MB compressed
/// or not (413), 204 on success; throttling (429) and outages (503) with <c>Retry-After</c> are scripted.
/// </summary>
public sealed class LogsIngestionStandIn
{
    public const string PublisherRole = "Monitoring Metrics Publisher";

    private readonly object _gate = new();
    private readonly Dictionary<string, HashSet<string>> _rules = new(StringComparer.Ordinal);
    private readonly List<IngestedRecord> _records = [];

    /// <summary>The documented limit of one call: 1 MB.</summary>
    public long MaxCallBytes { get; set; } = 1_048_576;

    public IReadOnlyList<IngestedRecord> Records
    {
        get
        {
            lock (_gate)
            {
                return _records.ToArray();
            }
        }
    }

    public void AddRule(string immutableId, params string[] streams)
    {
        lock (_gate)
        {
            _rules[immutableId] = new HashSet<string>(streams, StringComparer.Ordinal);
        }
    }

    internal async Task IngestAsync(HttpContext context, string ruleId, string stream, EntraDirectory directory, Func<DateTimeOffset> clock, FaultScript faults, RequestJournal journal)
    {
        var (status, body, retryAfter) = await HandleAsync(context, ruleId, stream, directory, clock, faults).ConfigureAwait(false);
        journal.Add(new JournalEntry(EmulatedRoute.LogsIngestion, context.Request.QueryString.Value ?? "", status));
        await SiemRequest.WriteAsync(context, status, body, retryAfter).ConfigureAwait(false);
    }

    private async Task<(int Status, string? Body, int? RetryAfter)> HandleAsync(HttpContext context, string ruleId, string stream, EntraDirectory directory, Func<DateTimeOffset> clock, FaultScript faults)
    {
        if (context.Request.Query["api-version"].ToString().Length == 0)
        {
            return (400, Error("MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests."), null);
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return (401, Error("InvalidAuthenticationToken", "Authentication token was not provided or is not a bearer token."), null);
        }

        var check = directory.ValidateAccessToken(header["Bearer ".Length..]);
        var now = clock();
        if (check.Failure != AccessTokenFailure.None || check.App is null)
        {
            return (401, Error("InvalidAuthenticationToken", "The access token is invalid: its signature or issuer is not trusted."), null);
        }

        if (check.Audience.TrimEnd('/') != "https://monitor.azure.com")
        {
            return (401, Error("InvalidAuthenticationTokenAudience", $"The access token has the wrong audience '{check.Audience}'; request it for https://monitor.azure.com//.default."), null);
        }

        if (check.Expires <= now)
        {
            return (401, Error("ExpiredAuthenticationToken", "The access token has expired."), null);
        }

        lock (_gate)
        {
            if (!_rules.TryGetValue(ruleId, out var streams))
            {
                return (404, Error("NotFound", $"Data collection rule with immutable Id '{ruleId}' not found."), null);
            }

            if (!check.App.Roles.Contains(PublisherRole, StringComparer.OrdinalIgnoreCase))
            {
                return (403, Error("OperationFailed", $"The authentication token provided does not have access to ingest data for the data collection rule with immutable Id '{ruleId}'."), null);
            }

            if (!streams.Contains(stream))
            {
                return (400, Error("InvalidStream", $"Stream '{stream}' is not declared by data collection rule '{ruleId}'."), null);
            }
        }

        if (faults.Take(EmulatedRoute.LogsIngestion, string.Empty) is { } fault)
        {
            var code = fault.Status == 429 ? "TooManyRequests" : fault.Status == 503 ? "ServiceUnavailable" : "InternalServerError";
            return (fault.Status, Error(code, "Scripted failure."), fault.RetryAfterSeconds);
        }

        if (context.Request.ContentLength is { } sent && sent > MaxCallBytes)
        {
            return (413, TooLarge(sent), null);
        }

        var body = await SiemRequest.BodyAsync(context.Request).ConfigureAwait(false);
        if (body.Length > MaxCallBytes)
        {
            return (413, TooLarge(body.Length), null);
        }

        List<string> records;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return (400, Error("InvalidRequestContent", "The request body must be a JSON array of records."), null);
            }

            records = document.RootElement.EnumerateArray().Select(e => e.GetRawText()).ToList();
        }
        catch (JsonException e)
        {
            return (400, Error("InvalidRequestContent", $"The request body is not valid JSON: {e.Message}"), null);
        }

        lock (_gate)
        {
            _records.AddRange(records.Select(r => new IngestedRecord(ruleId, stream, r)));
        }

        return (204, null, null);
    }

    private string TooLarge(long bytes) =>
        Error("ContentLengthLimitExceeded", $"Maximum allowed content length: {MaxCallBytes} bytes (1 MB). Provided content length: {bytes} bytes.");

    private static string Error(string code, string message) =>
        new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString();
}
