using DefenderConnector.Abstractions;
using DefenderConnector.Configuration;
using DefenderConnector.Tests.Fakes;

namespace DefenderConnector.Tests.Sources.EventHub;

/// <summary><c>eventHubs</c>: several hubs, each with a name and the settings of <c>eventHub</c>, validated naming the entry.</summary>
public sealed class EventHubListSettingsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void HubsOfSeveralNamespacesAreReadBesideTheSingleEventHubSection()
    {
        var (options, validation) = Read("""
            "eventHub": { "namespace": "contoso-a", "hubName": "defender", "sasPolicyName": "listen", "sasKey": "env:DC_KEY" },
            "eventHubs": [
              { "name": "device", "namespace": "contoso-a", "hubName": "insights-logs-advancedhunting-deviceevents", "sasPolicyName": "listen", "sasKey": "env:DC_KEY", "consumerGroup": "siem" },
              { "name": "email", "namespace": "contoso-b", "hubName": "insights-logs-advancedhunting-emailevents", "connectionString": "env:DC_CS", "tables": { "include": ["EmailEvents"] } }
            ]
            """);

        Assert.True(validation.IsValid, validation.ToString());
        Assert.NotNull(options!.EventHub);
        Assert.Equal(["device", "email"], options.EventHubs.Select(h => h.Key));
        Assert.Equal("contoso-a.servicebus.windows.net/insights-logs-advancedhunting-deviceevents/siem", options.EventHubs[0].Value.StreamKey);
        Assert.Equal("contoso-b.servicebus.windows.net", options.EventHubs[1].Value.FullyQualifiedNamespace);
        Assert.False(options.EventHubs[1].Value.Tables.Passes("DeviceEvents"));
    }

    [Theory]
    [InlineData("\"eventHubs\": []", "eventHubs", "must be a list of one or more hubs")]
    [InlineData("\"eventHubs\": {}", "eventHubs", "must be a list of one or more hubs")]
    [InlineData("\"eventHubs\": [3]", "eventHubs[0]", "must be an object")]
    [InlineData("\"eventHubs\": [ { \"namespace\": \"a\", \"hubName\": \"h\", \"sasPolicyName\": \"p\", \"sasKey\": \"env:DC_KEY\" } ]", "eventHubs[0].name", "is required")]
    [InlineData("\"eventHubs\": [ { \"name\": \"x\", \"namespace\": \"a\", \"hubName\": \"h\", \"sasPolicyName\": \"p\", \"sasKey\": \"env:DC_KEY\" }, { \"name\": \"X\", \"namespace\": \"b\", \"hubName\": \"h\", \"sasPolicyName\": \"p\", \"sasKey\": \"env:DC_KEY\" } ]", "eventHubs[1].name", "names another hub of eventHubs too")]
    [InlineData("\"eventHubs\": [ { \"name\": \"x\", \"namespace\": \"a\", \"hubName\": \"h\", \"sasPolicyName\": \"p\", \"sasKey\": \"env:DC_KEY\" }, { \"name\": \"y\", \"namespace\": \"a\", \"hubName\": \"h\", \"sasPolicyName\": \"p\", \"sasKey\": \"env:DC_KEY\" } ]", "eventHubs[1].hubName", "is listed twice")]
    [InlineData("\"eventHubs\": [ { \"name\": \"x\", \"namespace\": \"a\", \"sasPolicyName\": \"p\", \"sasKey\": \"env:DC_KEY\", \"hub\": \"h\" } ]", "eventHubs[0].hub", "is not a known setting")]
    public void ABadEntryIsReportedNamingIt(string members, string setting, string message)
    {
        var validation = Read(members).Validation;

        Assert.False(validation.IsValid);
        var problem = Assert.Single(validation.Problems, p => p.Setting == setting);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    private (ConnectorOptions? Options, SettingsValidation Validation) Read(string members)
    {
        var json = $$"""{ {{members}} }""";
        return SettingsReader.Read(new ConnectorSettings(json, _temp.Path, n => n switch
        {
            "DC_KEY" => "a-key",
            "DC_CS" => "Endpoint=sb://contoso-b.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=k;EntityPath=insights-logs-advancedhunting-emailevents",
            _ => null,
        }));
    }
}
