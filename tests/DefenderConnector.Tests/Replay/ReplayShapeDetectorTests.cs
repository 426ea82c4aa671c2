using System.Text.Json;
using DefenderConnector.Replay;

namespace DefenderConnector.Tests.Replay;

public sealed class ReplayShapeDetectorTests
{
    public static TheoryData<string, string?, string> Shapes() => new()
    {
        { """{"records":[]}""", null, "EventHubBody" },
        { """{"records":[{"category":"AdvancedHunting-DeviceInfo","properties":{}}]}""", null, "EventHubBody" },
        { """{"time":"2024-01-01T00:00:00Z","tenantId":"t","operationName":"Publish","category":"AdvancedHunting-DeviceProcessEvents","properties":{"ActionType":"ProcessCreated"}}""", null, "StreamingRecord" },
        { """{"time":"2024-01-01T00:00:00Z","category":"AdvancedHunting-EmailEvents","properties":{}}""", null, "StreamingRecord" },
        { """{"category":"AdvancedHunting-EmailEvents","properties":"not an object"}""", null, "Unknown" },
        { """{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#security/incidents","value":[]}""", null, "Page" },
        { """{"value":[]}""", null, "Page" },
        { """{"id":"2972395","displayName":"x","incidentWebUrl":"https://security.microsoft.com/incidents/2972395","lastUpdateDateTime":"2024-01-01T00:00:00Z"}""", null, "GraphIncident" },
        { """{"id":"2972395","displayName":"x","alerts":[],"lastUpdateDateTime":"2024-01-01T00:00:00Z"}""", null, "GraphIncident" },
        { """{"@odata.type":"#microsoft.graph.security.incident","id":"1"}""", null, "GraphIncident" },
        { """{"id":"da6375","providerAlertId":"p","incidentId":"1","lastUpdateDateTime":"2024-01-01T00:00:00Z"}""", null, "GraphAlert" },
        { """{"id":"da6375","alertWebUrl":"https://x","lastUpdateDateTime":"2024-01-01T00:00:00Z"}""", null, "GraphAlert" },
        { """{"@odata.type":"#microsoft.graph.security.alert","id":"1"}""", null, "GraphAlert" },
        { """{"id":"1","lastUpdateDateTime":"2024-01-01T00:00:00Z"}""", null, "Unknown" },
        { """{"id":"1","lastUpdateDateTime":"2024-01-01T00:00:00Z"}""", "https://graph.microsoft.com/v1.0/$metadata#security/incidents(alerts())", "GraphIncident" },
        { """{"id":"1","lastUpdateDateTime":"2024-01-01T00:00:00Z"}""", "https://graph.microsoft.com/v1.0/$metadata#security/alerts_v2", "GraphAlert" },
        { """{"incidentId":924518,"incidentName":"Email reported by user as malware or phish","lastUpdateTime":"2024-01-01T00:00:00Z","alerts":[]}""", null, "LegacyIncident" },
        { """{"incidentId":924518,"lastUpdateTime":"2024-01-01T00:00:00Z"}""", null, "LegacyIncident" },
        { """{"incidentId":1}""", "https://api.security.microsoft.com/api/$metadata#Incidents", "LegacyIncident" },
        { """{"x":1}""", "https://api.security.microsoft.com/api/$metadata#Incidents", "Unknown" },
        { """{"id":"da637","incidentId":1126093,"alertCreationTime":"2024-01-01T00:00:00Z","lastUpdateTime":"2024-01-01T00:00:00Z"}""", null, "LegacyEndpointAlert" },
        { """{"id":"da1"}""", "https://api.securitycenter.microsoft.com/api/$metadata#Alerts", "LegacyEndpointAlert" },
        { """{"AlertTime":"2024-01-01T00:00:00Z","AlertId":"636688558380765161_2136280442","Severity":"Medium"}""", null, "LegacySiemAlert" },
        { """{"AlertId":"1"}""", "https://graph.microsoft.com/v1.0/$metadata#security/incidents", "LegacySiemAlert" },
        { """{"hello":"world"}""", null, "Unknown" },
        { """{"id":"1"}""", "https://example.com/$metadata#Things", "Unknown" },
        { "[1,2]", null, "Unknown" },
        { "42", null, "Unknown" },
        { "\"text\"", null, "Unknown" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Shape_is_detected_from_fields_then_page_context(string json, string? context, string expected)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal(expected, ReplayShapeDetector.Detect(document.RootElement, context).ToString());
    }

    [Theory]
    [InlineData("StreamingRecord", "StreamingRecord")]
    [InlineData("GraphIncident", "GraphIncident")]
    [InlineData("LegacySiemAlert", "LegacySiemAlert")]
    [InlineData("Page", null)]
    [InlineData("EventHubBody", null)]
    [InlineData("Unknown", null)]
    public void Only_object_shapes_have_a_record_kind(string shape, string? kind) =>
        Assert.Equal(kind, ReplayShapeDetector.KindOf(Enum.Parse<ReplayShape>(shape))?.ToString());
}
