using System.Globalization;
using System.Text.Json.Nodes;

namespace DefenderConnector.Emulator.Http;

/// <summary>
/// The incidents and alerts behind every emulated API. Tests add and update them; each API renders
/// them in its own shape (Graph camelCase, M365D/MDE legacy fields, SIEM PascalCase). Ids of
/// incidents should be numeric so the legacy incident API can render them.
/// </summary>
public sealed class SecurityDataStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Incident> _incidents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Alert> _alerts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _graphIncidents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _graphAlerts = new(StringComparer.Ordinal);

    public string TenantId { get; set; } = "00000000-0000-0000-0000-000000000000";

    public int IncidentCount
    {
        get
        {
            lock (_gate)
            {
                return _incidents.Count;
            }
        }
    }

    /// <summary>Adds or replaces an incident version.</summary>
    public void UpsertIncident(string id, DateTimeOffset lastUpdate, string title = "Multi-stage incident", string severity = "medium", string status = "active")
    {
        lock (_gate)
        {
            var created = _incidents.TryGetValue(id, out var old) ? old.Created : lastUpdate;
            _incidents[id] = new Incident(id, created, lastUpdate.ToUniversalTime(), title, severity, status);
        }
    }

    /// <summary>Adds or replaces an alert version; <paramref name="incidentId"/> links it to an incident.</summary>
    public void UpsertAlert(string id, string? incidentId, DateTimeOffset lastUpdate, string title = "Suspicious process", string severity = "high")
    {
        lock (_gate)
        {
            var created = _alerts.TryGetValue(id, out var old) ? old.Created : lastUpdate;
            _alerts[id] = new Alert(id, incidentId, created, lastUpdate.ToUniversalTime(), title, severity);
        }
    }

    /// <summary>
    /// Adds or replaces a Graph-shaped incident (served as given by the Graph route only; <c>id</c> must be
    /// its first property, <c>lastUpdateDateTime</c> present). With <c>$expand=alerts</c> the Graph-shaped
    /// alerts whose <c>incidentId</c> matches are spliced in.
    /// </summary>
    public void UpsertGraphIncident(JsonObject incident)
    {
        lock (_gate)
        {
            var copy = (JsonObject)incident.DeepClone();
            copy.Remove("alerts");
            _graphIncidents[copy["id"]!.GetValue<string>()] = copy;
        }
    }

    /// <summary>Adds or replaces a Graph-shaped alert (alerts_v2), served as given by the Graph routes only.</summary>
    public void UpsertGraphAlert(JsonObject alert)
    {
        lock (_gate)
        {
            _graphAlerts[alert["id"]!.GetValue<string>()] = (JsonObject)alert.DeepClone();
        }
    }

    internal List<JsonObject> GraphIncidents(bool expand)
    {
        lock (_gate)
        {
            var rendered = RenderedGraphIncidents(expand);
            foreach (var raw in _graphIncidents.Values)
            {
                var o = (JsonObject)raw.DeepClone();
                if (expand)
                {
                    var id = raw["id"]!.GetValue<string>();
                    o["alerts"] = new JsonArray(_graphAlerts.Values.Where(a => a["incidentId"]?.GetValue<string>() == id).Select(a => a.DeepClone()).ToArray());
                }

                rendered.Add(o);
            }

            return rendered;
        }
    }

    private List<JsonObject> RenderedGraphIncidents(bool expand)
    {
        lock (_gate)
        {
            var byIncident = _alerts.Values.Where(a => a.IncidentId is not null).ToLookup(a => a.IncidentId!, StringComparer.Ordinal);
            return _incidents.Values.Select(i =>
            {
                var o = new JsonObject
                {
                    ["id"] = i.Id,
                    ["tenantId"] = TenantId,
                    ["displayName"] = i.Title,
                    ["createdDateTime"] = Stamp(i.Created),
                    ["lastUpdateDateTime"] = Stamp(i.LastUpdate),
                    ["status"] = i.Status,
                    ["severity"] = i.Severity,
                    ["classification"] = "unknown",
                    ["determination"] = "unknown",
                    ["assignedTo"] = null,
                    ["incidentWebUrl"] = $"https://security.microsoft.com/incidents/{i.Id}",
                    ["customTags"] = new JsonArray(),
                    ["systemTags"] = new JsonArray(),
                    ["comments"] = new JsonArray(),
                };
                if (expand)
                {
                    o["alerts"] = new JsonArray(byIncident[i.Id].Select(a => (JsonNode)GraphAlert(a)).ToArray());
                }

                return o;
            }).ToList();
        }
    }

    internal List<JsonObject> GraphAlerts()
    {
        lock (_gate)
        {
            return _alerts.Values.Select(GraphAlert).Concat(_graphAlerts.Values.Select(a => (JsonObject)a.DeepClone())).ToList();
        }
    }

    internal List<JsonObject> M365dIncidents()
    {
        lock (_gate)
        {
            return _incidents.Values.Select(i => new JsonObject
            {
                ["incidentId"] = long.Parse(i.Id, CultureInfo.InvariantCulture),
                ["incidentName"] = i.Title,
                ["createdTime"] = Stamp(i.Created),
                ["lastUpdateTime"] = Stamp(i.LastUpdate),
                ["status"] = Pascal(i.Status),
                ["severity"] = Pascal(i.Severity),
                ["classification"] = "Unknown",
                ["determination"] = "NotAvailable",
                ["tags"] = new JsonArray(),
                ["comments"] = new JsonArray(),
                ["alerts"] = new JsonArray(_alerts.Values.Where(a => a.IncidentId == i.Id).Select(a => (JsonNode)new JsonObject
                {
                    ["alertId"] = a.Id,
                    ["incidentId"] = long.Parse(i.Id, CultureInfo.InvariantCulture),
                    ["title"] = a.Title,
                    ["severity"] = Pascal(a.Severity),
                    ["status"] = "New",
                    ["creationTime"] = Stamp(a.Created),
                    ["lastUpdatedTime"] = Stamp(a.LastUpdate),
                    ["serviceSource"] = "MicrosoftDefenderForEndpoint",
                }).ToArray()),
            }).ToList();
        }
    }

    internal List<JsonObject> MdeAlerts()
    {
        lock (_gate)
        {
            return _alerts.Values.Select(a => new JsonObject
            {
                ["id"] = a.Id,
                ["incidentId"] = a.IncidentId is null ? null : long.TryParse(a.IncidentId, CultureInfo.InvariantCulture, out var n) ? n : null,
                ["title"] = a.Title,
                ["severity"] = Pascal(a.Severity),
                ["status"] = "New",
                ["category"] = "Execution",
                ["detectionSource"] = "WindowsDefenderAtp",
                ["alertCreationTime"] = Stamp(a.Created),
                ["lastUpdateTime"] = Stamp(a.LastUpdate),
            }).ToList();
        }
    }

    internal List<JsonObject> SiemAlerts()
    {
        lock (_gate)
        {
            return _alerts.Values.Select(a => new JsonObject
            {
                ["AlertId"] = a.Id,
                ["AlertTitle"] = a.Title,
                ["Severity"] = Pascal(a.Severity),
                ["Category"] = "Execution",
                ["Source"] = "EDR",
                ["AlertTime"] = Stamp(a.Created),
                ["LastProcessedTimeUtc"] = Stamp(a.LastUpdate),
                ["LinkToWDATP"] = $"https://securitycenter.windows.com/alert/{a.Id}",
            }).ToList();
        }
    }

    internal static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private JsonObject GraphAlert(Alert a) => new()
    {
        ["id"] = a.Id,
        ["providerAlertId"] = a.Id,
        ["incidentId"] = a.IncidentId,
        ["tenantId"] = TenantId,
        ["title"] = a.Title,
        ["severity"] = a.Severity,
        ["status"] = "new",
        ["category"] = "Execution",
        ["serviceSource"] = "microsoftDefenderForEndpoint",
        ["detectionSource"] = "microsoftDefenderForEndpoint",
        ["createdDateTime"] = Stamp(a.Created),
        ["lastUpdateDateTime"] = Stamp(a.LastUpdate),
        ["mitreTechniques"] = new JsonArray("T1059"),
        ["evidence"] = new JsonArray(),
        ["comments"] = new JsonArray(),
    };

    private static string Pascal(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private sealed record Incident(string Id, DateTimeOffset Created, DateTimeOffset LastUpdate, string Title, string Severity, string Status);

    private sealed record Alert(string Id, string? IncidentId, DateTimeOffset Created, DateTimeOffset LastUpdate, string Title, string Severity);
}
