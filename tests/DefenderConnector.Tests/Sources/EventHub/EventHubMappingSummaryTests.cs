using System.Text.Json;
using DefenderConnector.Abstractions;
using DefenderConnector.Checkpoints;
using DefenderConnector.Configuration;
using DefenderConnector.Encoders;
using DefenderConnector.Sources.EventHub;
using DefenderConnector.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace DefenderConnector.Tests.Sources.EventHub;

/// <summary>What a pull summary says about the mapping: undocumented ActionTypes counted by name.</summary>
public sealed class EventHubMappingSummaryTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CollectingSink _sink = new();
    private readonly InstantTimeProvider _time = new();
    private readonly FakeEventHubTransport _hub = new(partitions: 1);

    public void Dispose() => _temp.Dispose();

    private static string Body(params string[] actionTypes) =>
        JsonSerializer.Serialize(new { records = actionTypes.Select(a => new { time = "2026-11-23T08:00:00.1234567Z", tenantId = "t-1", category = "AdvancedHunting-DeviceEvents", properties = new { DeviceName = "host-1", ActionType = a } }) });

    private DefenderConnectorInstance Create()
    {
        var options = new EventHubSourceOptions
        {
            FullyQualifiedNamespace = "ns.servicebus.windows.net",
            HubName = "hub",
            SasPolicyName = "p",
            SasKey = new Secret("k", "literal"),
            BatchMessages = 4,
        };
        var source = new EventHubSource(options, () => _hub, _ => throw new InvalidOperationException(), _time, NullLoggerFactory.Instance);
        return new DefenderConnectorInstance([source], SqliteStateStore.Open(_temp.File("state.db")), new OcsfJsonEncoder(), new ConnectorContext(_sink, NullLoggerFactory.Instance, _time));
    }

    [Fact]
    public async Task UndocumentedActionTypesAreDeliveredAndCountedByNameDocumentedOnesAreNot()
    {
        _hub.Publish("0", Body("ContosoFutureTelemetryEvent", "DpapiAccessed", "ContosoFutureTelemetryEvent"));
        _hub.Publish("0", Body("AsrFutureRuleBlocked", "OtherNewThing"));
        await using var connector = Create();

        var summary = await connector.PullAsync("eventhub", CancellationToken.None);

        Assert.Equal(5, summary.EventsDelivered);
        Assert.Equal(
            new Dictionary<string, long> { ["DeviceEvents/ContosoFutureTelemetryEvent"] = 2, ["DeviceEvents/OtherNewThing"] = 1 },
            summary.UndocumentedActionTypes);
        var classes = _sink.Events.Select(e => JsonDocument.Parse(e).RootElement.GetProperty("class_uid").GetInt32()).ToList();
        Assert.Equal([0, 1007, 0, 2004, 0], classes);
    }
}
