using DefenderConnector.Abstractions;
using DefenderConnector.Configuration;
using DefenderConnector.Tests.Fakes;

namespace DefenderConnector.Tests.Tenants;

/// <summary><c>tenants</c>: a service provider's customers, each with its own sources; every problem names its full path.</summary>
public sealed class TenantSettingsTests : IDisposable
{
    private const string Hub = "\"namespace\": \"a\", \"hubName\": \"h\", \"sasPolicyName\": \"p\", \"sasKey\": \"env:DC_KEY\"";
    private const string TenantA = "11111111-1111-1111-1111-111111111111";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void EachTenantHasItsSourcesLabelAndTenantId()
    {
        var (options, validation) = Read($$"""
            "tenants": [
              { "name": "contoso", "organization": " Contoso Ltd ", "tenantId": "{{TenantA}}",
                "eventHub": { "namespace": "contoso-xdr", "hubName": "defender", "sasPolicyName": "listen", "sasKey": "env:DC_KEY" },
                "eventHubs": [ { "name": "email", "namespace": "contoso-mail", "hubName": "emailevents", "sasPolicyName": "listen", "sasKey": "env:DC_KEY" } ] },
              { "name": "fabrikam",
                "graph": { "tenantId": "22222222-2222-2222-2222-222222222222", "clientId": "33333333-3333-3333-3333-333333333333", "clientSecret": "env:DC_KEY" },
                "storage": { "connectionString": "env:DC_STORAGE" } },
              { "name": "retired", "enabled": false, "eventHub": { {{Hub}} } }
            ]
            """);

        Assert.True(validation.IsValid, validation.ToString());
        Assert.Null(options!.EventHub);
        Assert.Equal(["contoso", "fabrikam"], options.Tenants.Select(t => t.Name));
        var contoso = options.Tenants[0];
        Assert.Equal("Contoso Ltd", contoso.Organization);
        Assert.Equal(TenantA, contoso.TenantId);
        Assert.Equal("contoso-xdr.servicebus.windows.net/defender/$default", contoso.EventHub!.StreamKey);
        Assert.Equal("email", Assert.Single(contoso.EventHubs).Key);

        // Without organization the name is the label; without tenantId the Graph app's tenant is the tenant.
        var fabrikam = options.Tenants[1];
        Assert.Equal("fabrikam", fabrikam.Organization);
        Assert.Equal("22222222-2222-2222-2222-222222222222", fabrikam.TenantId);
        Assert.NotNull(fabrikam.Graph);
        Assert.NotNull(fabrikam.Storage);
    }

    [Theory]
    [InlineData("\"tenants\": []", "tenants", "must be a list of one or more tenants")]
    [InlineData("\"tenants\": { \"name\": \"a\" }", "tenants", "must be a list of one or more tenants")]
    [InlineData("\"tenants\": [ \"contoso\" ]", "tenants[0]", "must be an object")]
    [InlineData("\"tenants\": [ { \"eventHub\": { " + Hub + " } } ]", "tenants[0].name", "is required")]
    [InlineData("\"tenants\": [ { \"name\": \"contoso/eu\", \"eventHub\": { " + Hub + " } } ]", "tenants[0].name", "found 'contoso/eu'")]
    [InlineData("\"tenants\": [ { \"name\": \"a\", \"eventHub\": { " + Hub + " } }, { \"name\": \"A\", \"eventHub\": { \"namespace\": \"b\", \"hubName\": \"h\", \"sasPolicyName\": \"p\", \"sasKey\": \"env:DC_KEY\" } } ]", "tenants[1].name", "'A' names another tenant too")]
    [InlineData("\"tenants\": [ { \"name\": \"a\" } ]", "tenants[0]", "has no source")]
    [InlineData("\"tenants\": [ { \"name\": \"a\", \"organization\": \"x\\ny\", \"eventHub\": { " + Hub + " } } ]", "tenants[0].organization", "without control characters")]
    [InlineData("\"tenants\": [ { \"name\": \"a\", \"tenantId\": \"contoso.com\", \"eventHub\": { " + Hub + " } } ]", "tenants[0].tenantId", "is not a GUID")]
    [InlineData("\"tenants\": [ { \"name\": \"a\", \"eventhub\": { " + Hub + " } } ]", "tenants[0].eventhub", "did you mean 'eventHub'")]
    [InlineData("\"tenants\": [ { \"name\": \"a\", \"tenants\": [] } ]", "tenants[0].tenants", "is not a known setting")]
    [InlineData("\"tenants\": [ { \"name\": \"a\", \"eventHub\": 3 } ]", "tenants[0].eventHub", "must be an object")]
    [InlineData("\"tenants\": [ { \"name\": \"a\", \"eventHub\": { \"namespace\": \"a\", \"hubName\": \"h\", \"sasPolicyName\": \"p\" } } ]", "tenants[0].eventHub.sasKey", "")]
    [InlineData("\"tenants\": [ { \"name\": \"a\", \"eventHubs\": [ { \"namespace\": \"a\", \"hubName\": \"h\", \"sasPolicyName\": \"p\", \"sasKey\": \"env:DC_KEY\" } ] } ]", "tenants[0].eventHubs[0].name", "is required")]
    [InlineData("\"tenants\": [ { \"name\": \"a\", \"eventHub\": { " + Hub + " } }, { \"name\": \"b\", \"eventHub\": { " + Hub + " } } ]", "tenants[1].eventHub", "is also read by tenants[0].eventHub")]
    [InlineData("\"tenants\": [ { \"name\": \"a\", \"tenantId\": \"" + TenantA + "\", \"graph\": { \"tenantId\": \"22222222-2222-2222-2222-222222222222\", \"clientId\": \"33333333-3333-3333-3333-333333333333\", \"clientSecret\": \"env:DC_KEY\" } } ]", "tenants[0].graph.tenantId", "is another tenant than tenants[0].tenantId")]
    [InlineData("\"eventHub\": { " + Hub + " }, \"tenants\": [ { \"name\": \"a\", \"eventHub\": { \"namespace\": \"b\", \"hubName\": \"h\", \"sasPolicyName\": \"p\", \"sasKey\": \"env:DC_KEY\" } } ]", "eventHub", "cannot stand beside tenants")]
    public void ABadTenantIsReportedNamingItsPath(string members, string setting, string message)
    {
        var validation = Read(members).Validation;

        Assert.False(validation.IsValid);
        var problem = Assert.Single(validation.Problems, p => p.Setting == setting);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingKeyIsNamedByItsPathAndNeverShown()
    {
        var validation = Read("\"tenants\": [ { \"name\": \"a\", \"eventHub\": { \"namespace\": \"a\", \"hubName\": \"h\", \"sasPolicyName\": \"p\", \"sasKey\": \"env:DC_MISSING\" } } ]").Validation;

        var problem = Assert.Single(validation.Problems);
        Assert.Equal("tenants[0].eventHub.sasKey", problem.Setting);
        Assert.Contains("DC_MISSING", problem.Message, StringComparison.Ordinal);
    }

    private (ConnectorOptions? Options, SettingsValidation Validation) Read(string members)
    {
        var json = $$"""{ {{members}} }""";
        return SettingsReader.Read(new ConnectorSettings(json, _temp.Path, n => n switch
        {
            "DC_KEY" => "a-key",
            "DC_STORAGE" => "DefaultEndpointsProtocol=https;AccountName=fabrikamexport;AccountKey=a2V5;EndpointSuffix=core.windows.net",
            _ => null,
        }));
    }
}
