using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace DefenderConnector.Emulator.Http;

/// <summary>
/// The Graph Security and legacy Defender list endpoints: scripted faults first, then the bearer
/// token, then the app's roles, then the OData query over <see cref="SecurityDataStore"/>.
/// </summary>
internal sealed class ApiRoutes(EntraDirectory directory, SecurityDataStore data, FaultScript faults, RequestJournal journal, GraphPaging paging, Func<DateTimeOffset> clock, Func<string> baseUrl)
{
    private static readonly string[] IncidentRoles = ["SecurityIncident.Read.All", "SecurityIncident.ReadWrite.All"];
    private static readonly string[] AlertRoles = ["SecurityAlert.Read.All", "SecurityAlert.ReadWrite.All", "SecurityIncident.Read.All", "SecurityIncident.ReadWrite.All"];
    private static readonly string[] M365dRoles = ["Incident.Read.All", "Incident.ReadWrite.All"];
    private static readonly string[] MdeRoles = ["Alert.Read.All", "Alert.ReadWrite.All"];

    public (int Status, string Body, int? RetryAfter) Handle(EmulatedRoute route, HttpRequest request)
    {
        var query = request.QueryString.Value ?? string.Empty;
        var result = Answer(route, request, Uri.UnescapeDataString(query));
        journal.Add(new JournalEntry(route, Uri.UnescapeDataString(query), result.Status));
        return result;
    }

    private (int Status, string Body, int? RetryAfter) Answer(EmulatedRoute route, HttpRequest request, string query)
    {
        if (faults.Take(route, query) is { } fault)
        {
            var code = fault.Status switch { 401 => "InvalidAuthenticationToken", 403 => "Forbidden", 404 => "NotFound", 429 => "TooManyRequests", 503 => "ServiceUnavailable", _ => "InternalServerError" };
            return (fault.Status, Error(code, $"Scripted {fault.Status} answer."), fault.RetryAfterSeconds);
        }

        var token = directory.Resolve(request.Headers.Authorization.ToString(), clock());
        if (token is null)
        {
            return (401, Error("InvalidAuthenticationToken", "Access token is empty or invalid."), null);
        }

        var required = route switch
        {
            EmulatedRoute.GraphIncidents => IncidentRoles,
            EmulatedRoute.GraphAlerts => AlertRoles,
            EmulatedRoute.M365dIncidents => M365dRoles,
            EmulatedRoute.MdeAlerts => MdeRoles,
            _ => [],
        };
        var granted = token.App.Roles;
        if (required.Length > 0 && !required.Any(r => granted.Contains(r, StringComparer.OrdinalIgnoreCase)))
        {
            var message = route is EmulatedRoute.GraphIncidents or EmulatedRoute.GraphAlerts
                ? $"Missing application roles. API required roles: {string.Join(',', required)}, application roles: {string.Join(',', granted)}."
                : $"The application does not have any of the required application permissions ({string.Join(", ", required)}) to access the resource.";
            return (403, Error("Forbidden", message), null);
        }

        return route switch
        {
            EmulatedRoute.GraphIncidents => Page(route, request, data.GraphIncidents(string.Equals(request.Query["$expand"], "alerts", StringComparison.OrdinalIgnoreCase)), GraphPaging.IncidentsTopLimit, true, "lastUpdateDateTime"),
            EmulatedRoute.GraphAlerts => Page(route, request, data.GraphAlerts(), GraphPaging.AlertsTopLimit, true, "lastUpdateDateTime"),
            EmulatedRoute.M365dIncidents => Page(route, request, data.M365dIncidents(), 100, false, "lastUpdateTime"),
            EmulatedRoute.MdeAlerts => Page(route, request, data.MdeAlerts(), 10000, false, "lastUpdateTime"),
            _ => Siem(request),
        };
    }

    private (int, string, int?) Page(EmulatedRoute route, HttpRequest request, List<JsonObject> all, int maxTop, bool graph, string timeField)
    {
        // Like the real APIs, newest first unless $orderby says otherwise.
        var orderBy = request.Query["$orderby"].ToString() is { Length: > 0 } o ? o : $"{timeField} desc";
        var items = ODataQuery.Apply(all, request.Query["$filter"], orderBy, out var error);
        if (error is not null)
        {
            return (400, Error("BadRequest", error), null);
        }

        // Values above the cap are clamped, not refused.
        var top = Math.Min(int.TryParse(request.Query["$top"], CultureInfo.InvariantCulture, out var t) && t > 0 ? t : maxTop, maxTop);
        var skip = int.TryParse(request.Query["$skip"], CultureInfo.InvariantCulture, out var s) ? s : 0;
        if (graph && skip > GraphPaging.SkipLimit)
        {
            return (400, Error("BadRequest", GraphPaging.SkipLimitMessage), null);
        }

        var page = items.Skip(skip).Take(top).ToList();
        var body = new JsonObject { ["@odata.context"] = $"{baseUrl()}/$metadata#{route}" };
        if (string.Equals(request.Query["$count"], "true", StringComparison.OrdinalIgnoreCase))
        {
            body["@odata.count"] = items.Count;
        }

        // Graph's next link repeats the query with a growing $skip, even past the limit it enforces.
        if (graph && !paging.OmitNextLinks && skip + top < items.Count)
        {
            var kept = request.Query.Where(q => q.Key != "$skip").Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}");
            body["@odata.nextLink"] = $"{baseUrl()}{request.Path}?{string.Join('&', kept.Append($"$skip={skip + top}"))}";
        }

        body["value"] = new JsonArray(page.Select(p => (JsonNode)p).ToArray());
        return (200, body.ToJsonString(), null);
    }

    private (int, string, int?) Siem(HttpRequest request)
    {
        var items = data.SiemAlerts();
        if (DateTimeOffset.TryParse(request.Query["sinceTimeUtc"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since))
        {
            items = ODataQuery.Apply(items, $"LastProcessedTimeUtc ge {SecurityDataStore.Stamp(since)}", "LastProcessedTimeUtc asc", out _);
        }

        return (200, new JsonArray(items.Select(i => (JsonNode)i).ToArray()).ToJsonString(), null);
    }

    private static string Error(string code, string message) => new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["innerError"] = new JsonObject { ["date"] = DateTimeOffset.UtcNow.ToString("s", CultureInfo.InvariantCulture), ["request-id"] = Guid.NewGuid().ToString(), ["client-request-id"] = Guid.NewGuid().ToString() },
        },
    }.ToJsonString();
}
