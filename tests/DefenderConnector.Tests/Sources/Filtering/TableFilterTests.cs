using System.Text;
using System.Text.Json;
using DefenderConnector.Abstractions;
using DefenderConnector.Checkpoints;
using DefenderConnector.Configuration;
using DefenderConnector.Encoders;
using DefenderConnector.Sources.EventHub;
using DefenderConnector.Sources.Filtering;
using DefenderConnector.Tests.Fakes;
using DefenderConnector.Tests.Sources.EventHub;
using Microsoft.Extensions.Logging.Abstractions;

namespace DefenderConnector.Tests.Sources.Filtering;

/// <summary>tables.include / tables.exclude: validated at start-up naming the setting, applied before mapping, counted.</summary>
public sealed class TableFilterTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void NamesAreComparedWithoutCaseAndThePrefixIsAccepted()
    {
        var include = new TableFilter(["DeviceProcessEvents"], null);
        var exclude = new TableFilter(null, ["devicenetworkevents"]);

        Assert.True(include.Passes("deviceprocessevents"));
        Assert.False(include.Passes("DeviceNetworkEvents"));
        Assert.True(include.Passes("DeviceProcessEvents"u8));
        Assert.False(exclude.Passes("DeviceNetworkEvents"u8));
        Assert.True(exclude.Passes("EmailEvents"u8));
        Assert.True(TableFilter.All.Passes("Anything"u8));
        Assert.Equal("all tables except devicenetworkevents", exclude.Describe());
    }

    [Theory]
    [InlineData("""{ "include": ["DeviceProcessEvents"], "exclude": ["EmailEvents"] }""", "eventHub.tables", "give include or exclude, not both")]
    [InlineData("""{ "include": [] }""", "eventHub.tables.include", "is empty, so nothing would be delivered")]
    [InlineData("""{ "exclude": ["DeviceNetworkEvent"] }""", "eventHub.tables.exclude[0]", "'DeviceNetworkEvent' is not a Defender table the connector knows. Known tables: AlertEvidence,")]
    [InlineData("""{ "exclude": "DeviceNetworkEvents" }""", "eventHub.tables.exclude", "must be a list of strings")]
    [InlineData("""{ "exclude": [3] }""", "eventHub.tables.exclude[0]", "must be a string")]
    [InlineData("""{ "only": ["EmailEvents"] }""", "eventHub.tables.only", "is not a known setting")]
    public void ABadFilterIsReportedNamingTheSetting(string tables, string setting, string message)
    {
        var validation = Read(tables).Validation;

        Assert.False(validation.IsValid);
        var problem = Assert.Single(validation.Problems, p => p.Setting == setting);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheAdvancedHuntingPrefixIsAccepted()
    {
        var (options, validation) = Read("""{ "include": ["AdvancedHunting-EmailEvents"] }""");

        Assert.True(validation.IsValid, validation.ToString());
        Assert.True(options!.Tables.Passes("EmailEvents"));
        Assert.False(options.Tables.Passes("DeviceEvents"));
    }

    [Fact]
    public async Task ExcludedRecordsAreNeverMappedAndAreCountedWhileIdsOfTheOthersStayTheSame()
    {
        var hub = new FakeEventHubTransport(partitions: 1);
        var body = JsonSerializer.Serialize(new { records = new[] { "DeviceProcessEvents", "DeviceNetworkEvents", "EmailEvents", "DeviceNetworkEvents" }.Select(t => new { time = "2026-11-23T08:00:00Z", tenantId = "t-1", category = "AdvancedHunting-" + t, properties = new { DeviceName = "host-1" } }) });
        hub.Publish("0", body);
        hub.Publish("0", body);
        var sink = new CollectingSink();
        var options = new EventHubSourceOptions
        {
            FullyQualifiedNamespace = "ns.servicebus.windows.net",
            HubName = "hub",
            SasPolicyName = "p",
            SasKey = new Secret("k", "literal"),
            Tables = new TableFilter(null, ["DeviceNetworkEvents"]),
        };
        var source = new EventHubReader(options, () => hub, _ => throw new InvalidOperationException(), NullLoggerFactory.Instance);
        await using var connector = new DefenderConnectorInstance([source], SqliteStateStore.Open(_temp.File("state.db")), new OcsfJsonEncoder(), new ConnectorContext(sink, NullLoggerFactory.Instance, new InstantTimeProvider()));

        var summary = await connector.PullAsync("eventhub", CancellationToken.None);

        Assert.Equal(4, summary.EventsDelivered);
        Assert.False(summary.EventsByTable.ContainsKey("DeviceNetworkEvents"));
        Assert.Equal(0, summary.DeadLettered);
        Assert.Contains(summary.Facts, f => f.Key == "records filtered out" && f.Value == "4 (DeviceNetworkEvents 4)");
        Assert.Contains(summary.Facts, f => f.Key == "table filter" && f.Value == "all tables except DeviceNetworkEvents");

        // Record indexes count the dropped records: the EmailEvents record keeps index 2.
        var uids = sink.Events.Select(e => JsonDocument.Parse(e).RootElement.GetProperty("metadata").GetProperty("uid").GetString()).ToHashSet();
        Assert.Contains(DefenderConnector.Mapping.EventUid.ForEventHubRecord("ns.servicebus.windows.net", "hub", "0", 0, 2), uids);
        Assert.DoesNotContain(DefenderConnector.Mapping.EventUid.ForEventHubRecord("ns.servicebus.windows.net", "hub", "0", 0, 1), uids);
    }

    private (EventHubSourceOptions? Options, SettingsValidation Validation) Read(string tables)
    {
        var json = $$"""{ "eventHub": { "namespace": "contoso-defender", "hubName": "defender", "sasPolicyName": "listen", "sasKey": "env:DC_KEY", "tables": {{tables}} } }""";
        var (options, validation) = SettingsReader.Read(new ConnectorSettings(json, _temp.Path, n => n == "DC_KEY" ? "a-key" : null));
        return (options?.EventHub, validation);
    }
}
