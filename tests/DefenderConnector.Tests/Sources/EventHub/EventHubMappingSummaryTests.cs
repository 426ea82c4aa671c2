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
        var source = new EventHubReader(options, () => _hub, _ => throw new InvalidOperationException(), NullLoggerFactory.Instance);
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

    [Fact]
    public async Task ABodyBrokenByARawNewlineAndATruncatedTailDeliversItsWholeRecordsAndDeadLettersOnlyTheBrokenParts()
    {
        var whole = Body("ServiceInstalled", "DriverLoad");
        var broken = "{\"category\":\"AdvancedHunting-DeviceEvents\",\"properties\":{\"ActionType\":\"PowerShellCommand\",\"AdditionalFields\":\"{\\\"Command\\\":\\\"Get-Item\n x\\\"}\"}}";
        var tail = "{\"category\":\"AdvancedHunting-DeviceEvents\",\"properties\":{\"DeviceName\":\"host-1\",\"ActionType\":\"Dns";
        var body = whole[..^2] + "," + broken + "," + tail;
        _hub.Publish("0", body);
        _hub.Publish("0", "this is not json");
        await using var connector = Create();

        var summary = await connector.PullAsync("eventhub", CancellationToken.None);

        Assert.Equal(2, summary.EventsDelivered);
        Assert.Equal(3, summary.DeadLettered);
        Assert.Equal(1, summary.DeadLettersByReason[DeadLetterReasons.RecordMalformed]);
        Assert.Equal(1, summary.DeadLettersByReason[DeadLetterReasons.RecordTruncated]);
        Assert.Equal(1, summary.DeadLettersByReason[DeadLetterReasons.NotJson]);
        await using var state = SqliteStateStore.Open(_temp.File("state.db"));
        var letters = await state.ReadDeadLettersAsync(10, CancellationToken.None);
        var malformed = Assert.Single(letters, l => l.Reason == DeadLetterReasons.RecordMalformed);
        var truncated = Assert.Single(letters, l => l.Reason == DeadLetterReasons.RecordTruncated);
        Assert.Equal((2, broken), (malformed.RecordIndex, System.Text.Encoding.UTF8.GetString(malformed.Raw.Span)));
        Assert.Equal((3, tail), (truncated.RecordIndex, System.Text.Encoding.UTF8.GetString(truncated.Raw.Span)));
        Assert.Null(Assert.Single(letters, l => l.Reason == DeadLetterReasons.NotJson).RecordIndex);
        var classes = _sink.Events.Select(e => JsonDocument.Parse(e).RootElement.GetProperty("class_uid").GetInt32()).ToList();
        Assert.Equal([201004, 1002], classes);
    }
}
