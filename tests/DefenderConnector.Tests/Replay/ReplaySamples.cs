namespace DefenderConnector.Tests.Replay;

/// <summary>Hand-written inputs in each saved shape, shortened to the fields that identify them.</summary>
internal static class ReplaySamples
{
    public const string Tenant = "12345af3-bc0e-4f36-b08e-27759e912345";

    public static string Record(string table, string timestamp = "2024-11-07T17:07:42.0259186Z") =>
        $$$"""{"time":"{{{timestamp}}}","tenantId":"{{{Tenant}}}","operationName":"Publish","category":"AdvancedHunting-{{{table}}}","properties":{"Timestamp":"{{{timestamp}}}","DeviceName":"testmachine5","ActionType":"X"}}""";

    public static string Body(params string[] tables) => "{\"records\":[" + string.Join(",", tables.Select(t => Record(t))) + "]}";

    public const string GraphIncidentPage = """
        {
          "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#security/incidents(alerts())",
          "value": [
            {
              "id": "2972395",
              "incidentWebUrl": "https://security.microsoft.com/incidents/2972395",
              "displayName": "Multi-stage incident",
              "createdDateTime": "2024-11-07T10:00:00Z",
              "lastUpdateDateTime": "2024-11-07T11:00:00Z",
              "status": "active",
              "alerts": []
            },
            {
              "id": "2972396",
              "lastUpdateDateTime": "2024-11-07T12:00:00Z"
            },
            { "note": "an object of no known shape" }
          ]
        }
        """;

    public const string GraphAlertPage = """{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#security/alerts_v2","value":[{"id":"da637551227677560813_-961444813","providerAlertId":"p1","incidentId":"2972395","lastUpdateDateTime":"2024-11-07T11:00:00Z"}]}""";

    public const string LegacyIncidentPage = """{"@odata.context":"https://api.security.microsoft.com/api/$metadata#Incidents","value":[{"incidentId":924518,"incidentName":"Email reported by user as malware or phish","createdTime":"2024-11-07T10:00:00Z","lastUpdateTime":"2024-11-07T11:00:00Z","alerts":[]}]}""";

    public const string EndpointAlertPage = """{"@odata.context":"https://api.securitycenter.microsoft.com/api/$metadata#Alerts","value":[{"id":"da637472900382838869_1364969609","incidentId":1126093,"alertCreationTime":"2024-11-07T10:00:00Z","lastUpdateTime":"2024-11-07T11:00:00Z"}]}""";

    public const string SiemAlerts = """[{"AlertTime":"2024-11-07T10:00:00Z","AlertId":"636688558380765161_2136280442","LastProcessedTimeUtc":"2024-11-07T11:00:00Z","Severity":"Medium"},{"AlertTime":"2024-11-07T10:05:00Z","AlertId":"636688558380765161_2136280443","Severity":"Low"}]""";
}
