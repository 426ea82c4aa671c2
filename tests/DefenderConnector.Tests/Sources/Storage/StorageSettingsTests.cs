using DefenderConnector.Abstractions;
using DefenderConnector.Configuration;
using DefenderConnector.Sources.Storage;
using DefenderConnector.Tests.Fakes;

namespace DefenderConnector.Tests.Sources.Storage;

/// <summary>The <c>storage</c> settings: every sign-in, validated at start-up with a message naming the setting, never echoing a secret.</summary>
public sealed class StorageSettingsTests : IDisposable
{
    private const string Key = "c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0xMjM0NTY3ODkwYWJjZGVmZ2hpams=";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void AConnectionStringGivesTheAccountAndItsEndpoint()
    {
        var (options, validation) = Read("\"connectionString\": \"env:DC_STORAGE\"");

        Assert.True(validation.IsValid, validation.ToString());
        Assert.Equal("contosoexport", options!.AccountName);
        Assert.Equal(StorageAuthKind.ConnectionString, options.Auth);
        Assert.Equal("storage/contosoexport/insights-logs-advancedhunting-deviceevents", options.StreamKey("insights-logs-advancedhunting-DeviceEvents"));
        Assert.Equal(StorageConstants.DefaultRetireAfter, options.RetireAfter);
        Assert.DoesNotContain(Key, options.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void ASasTokenOrEntraNeedsTheAccountUrl()
    {
        var (sas, v1) = Read("\"accountUrl\": \"contosoexport\", \"sasToken\": \"sv=2024-01-01&ss=b&srt=sco&sp=rl&sig=abc\"");
        var (entra, v2) = Read("\"accountUrl\": \"https://contosoexport.blob.core.usgovcloudapi.net\", \"entra\": { \"method\": \"managedIdentity\" }");
        var (local, v3) = Read("\"accountUrl\": \"http://127.0.0.1:10000/devstoreaccount1\", \"entra\": { \"method\": \"managedIdentity\" }");

        Assert.True(v1.IsValid && v2.IsValid && v3.IsValid, $"{v1} {v2} {v3}");
        Assert.Equal(new Uri("https://contosoexport.blob.core.windows.net"), sas!.BlobEndpoint);
        Assert.Equal(StorageAuthKind.SasToken, sas.Auth);
        Assert.Equal("contosoexport", entra!.AccountName);
        Assert.Equal("devstoreaccount1", local!.AccountName);
    }

    [Theory]
    [InlineData("", "storage", "give one way to sign in")]
    [InlineData("\"connectionString\": \"env:DC_STORAGE\", \"sasToken\": \"sig=x\"", "storage", "give only one way to sign in")]
    [InlineData("\"sasToken\": \"sv=1&sig=x\"", "storage.accountUrl", "is required with sasToken or entra")]
    [InlineData("\"accountUrl\": \"contosoexport\", \"sasToken\": \"sv=2024-01-01&sp=rl\"", "storage.sasToken", "has no sig= part")]
    [InlineData("\"accountUrl\": \"http://contosoexport.blob.core.windows.net\", \"sasToken\": \"sig=x\"", "storage.accountUrl", "must use https")]
    [InlineData("\"accountUrl\": \"https://contosoexport.blob.core.windows.net/?sv=1&sig=SECRETSIG\", \"sasToken\": \"sig=x\"", "storage.accountUrl", "without a query")]
    [InlineData("\"connectionString\": \"not a connection string\"", "storage.connectionString", "is not a storage account connection string")]
    [InlineData("\"connectionString\": \"env:DC_STORAGE\", \"containerPrefix\": \"Insights_\"", "storage.containerPrefix", "must be the start of a container name")]
    [InlineData("\"connectionString\": \"env:DC_STORAGE\", \"initialPosition\": \"latest\"", "storage.initialPosition", "must be earliest (default: every blob in the account) or an ISO-8601 time")]
    [InlineData("\"connectionString\": \"env:DC_STORAGE\", \"readBytes\": 1000", "storage.readBytes", "must be between 65536 and")]
    [InlineData("\"connectionString\": \"env:DC_STORAGE\", \"retireAfter\": \"30d\"", "storage.retireAfter", "must be between")]
    [InlineData("\"connectionString\": \"env:DC_STORAGE\", \"concurrency\": 0", "storage.concurrency", "must be between 1 and 64")]
    [InlineData("\"connectionString\": \"env:DC_STORAGE\", \"tables\": { \"include\": [\"NoSuchTable\"] }", "storage.tables.include[0]", "is not a Defender table")]
    [InlineData("\"connectionString\": \"env:DC_STORAGE\", \"hubName\": \"x\"", "storage.hubName", "is not a known setting")]
    public void ABadSettingIsReportedNamingIt(string members, string setting, string message)
    {
        var validation = Read(members).Validation;

        Assert.False(validation.IsValid);
        var problem = Assert.Single(validation.Problems, p => p.Setting == setting);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETSIG", validation.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, validation.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AStorageSectionAloneIsAConfiguration()
    {
        var (_, validation) = Read("\"connectionString\": \"env:DC_STORAGE\", \"initialPosition\": \"2026-12-01T00:00:00Z\"");

        Assert.True(validation.IsValid, validation.ToString());
    }

    private (StorageSourceOptions? Options, SettingsValidation Validation) Read(string members)
    {
        var json = $$"""{ "storage": { {{members}} } }""";
        var connection = $"DefaultEndpointsProtocol=https;AccountName=contosoexport;AccountKey={Key};EndpointSuffix=core.windows.net";
        var (options, validation) = SettingsReader.Read(new ConnectorSettings(json, _temp.Path, n => n == "DC_STORAGE" ? connection : null));
        return (options?.Storage, validation);
    }
}
