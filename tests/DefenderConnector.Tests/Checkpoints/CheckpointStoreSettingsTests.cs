using DefenderConnector.Abstractions;
using DefenderConnector.Balancing;
using DefenderConnector.Checkpoints;
using DefenderConnector.Configuration;

namespace DefenderConnector.Tests.Checkpoints;

/// <summary><c>checkpointStore</c>: validated at start-up, every problem named by its setting.</summary>
public sealed class CheckpointStoreSettingsTests
{
    private static readonly string Key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private static readonly string StorageKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64));

    private static (ConnectorOptions? Options, SettingsValidation Validation) Read(string store, Func<string, string?>? env = null) =>
        SettingsReader.Read(new ConnectorSettings(
            $$"""{ "eventHub": { "namespace": "ns-one", "hubName": "h", "sasPolicyName": "p", "sasKey": "{{Key}}" }, "checkpointStore": {{store}} }""",
            Path.GetTempPath(),
            env ?? (_ => null)));

    private static string Problem(string store, string setting)
    {
        var (_, validation) = Read(store);
        Assert.False(validation.IsValid);
        return Assert.Single(validation.Problems, p => p.Setting == setting).Message;
    }

    [Fact]
    public void WithoutTheSectionStateStaysInSqlite()
    {
        var (options, validation) = SettingsReader.Read(new ConnectorSettings(
            $$"""{ "eventHub": { "namespace": "ns-one", "hubName": "h", "sasPolicyName": "p", "sasKey": "{{Key}}" } }""", Path.GetTempPath(), _ => null));
        Assert.True(validation.IsValid, validation.ToString());
        Assert.Equal(CheckpointStoreKind.Sqlite, options!.CheckpointStore.Kind);
    }

    [Fact]
    public void ABlobStoreIsReadWithTheDotNetProcessorsDefaults()
    {
        var (options, validation) = Read("""{ "type": "blob", "connectionString": "env:STORE", "container": "defender-checkpoints" }""",
            name => name == "STORE" ? $"DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey={StorageKey};EndpointSuffix=core.windows.net" : null);
        Assert.True(validation.IsValid, validation.ToString());
        var store = options!.CheckpointStore;
        Assert.Equal(CheckpointStoreKind.Blob, store.Kind);
        Assert.Equal("defender-checkpoints", store.Blob!.Container);
        Assert.Equal(LoadBalancingStrategy.Greedy, store.LoadBalancing.Strategy);
        Assert.Equal(TimeSpan.FromSeconds(30), store.LoadBalancing.UpdateInterval);
        Assert.Equal(TimeSpan.FromMinutes(2), store.LoadBalancing.OwnershipExpiry);
        Assert.Equal(TimeSpan.Zero, store.CheckpointInterval);
        Assert.DoesNotContain(StorageKey, store.Blob.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void AnAccountUrlNeedsOneWayToSignIn()
    {
        Assert.Equal(
            "needs a way to sign in: checkpointStore.sasToken or checkpointStore.entra (role \"Storage Blob Data Contributor\").",
            Problem("""{ "type": "blob", "accountUrl": "https://contoso.blob.core.windows.net", "container": "cps" }""", "checkpointStore.accountUrl"));
        var (options, validation) = Read("""{ "type": "blob", "accountUrl": "https://contoso.blob.core.windows.net", "sasToken": "env:SAS", "container": "checkpoints" }""",
            name => name == "SAS" ? "sv=2025-01-05&ss=b&srt=co&sp=rwdlac&sig=abc" : null);
        Assert.True(validation.IsValid, validation.ToString());
        Assert.Equal("SAS token", options!.CheckpointStore.Blob!.Describe().Split(", ")[^1]);
    }

    [Theory]
    [InlineData("""{ "type": "s3" }""", "checkpointStore.type", "must be sqlite (default: the database at state.path, one instance) or blob (an Azure Storage container several instances share), found 's3'.")]
    [InlineData("""{ "type": "blob", "connectionString": "x;AccountKey=k", "container": "Bad_Name" }""", "checkpointStore.container", "'Bad_Name' is not a container name: 3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.")]
    [InlineData("""{ "type": "blob", "connectionString": "x;AccountKey=k" }""", "checkpointStore.container", "is required for the blob store: the container that holds checkpoints and ownership (for example defender-checkpoints).")]
    [InlineData("""{ "type": "blob", "container": "cps" }""", "checkpointStore.accountUrl", "is required for the blob store: give checkpointStore.accountUrl with sasToken or entra, or checkpointStore.connectionString.")]
    [InlineData("""{ "type": "blob", "accountUrl": "http://contoso.blob.core.windows.net", "sasToken": "s", "container": "cps" }""", "checkpointStore.accountUrl", "must use https; plain http is allowed only for a local emulator (Azurite) on a loopback address.")]
    [InlineData("""{ "type": "blob", "connectionString": "x;AccountKey=k", "container": "cps", "loadBalancing": { "strategy": "fair" } }""", "checkpointStore.loadBalancing.strategy", "must be greedy (default: claim the whole fair share at once) or balanced (one partition per update), found 'fair'.")]
    [InlineData("""{ "type": "blob", "connectionString": "x;AccountKey=k", "container": "cps", "loadBalancing": { "updateInterval": "30s", "ownershipExpiry": "20s" } }""", "checkpointStore.loadBalancing.ownershipExpiry", "must be longer than checkpointStore.loadBalancing.updateInterval (30s), or live instances lose their partitions between renewals; found 20s.")]
    [InlineData("""{ "container": "cps" }""", "checkpointStore.container", "applies to checkpointStore.type blob only; the SQLite store (the default) keeps everything in state.path.")]
    [InlineData("""{ "type": "blob", "connectionString": "Endpoint=sb://x/;SharedAccessKeyName=a", "container": "cps" }""", "checkpointStore.connectionString", "is not a Storage connection string: it holds neither an account key nor a shared access signature (copy it from the storage account's Access keys).")]
    [InlineData("""{ "type": "blob", "connectionString": "x;AccountKey=k", "container": "cps", "trustedCertificate": "no-such-ca.pem" }""", "checkpointStore.trustedCertificate", "refers to file no-such-ca.pem, which does not exist.")]
    [InlineData("""{ "trustedCertificate": "ca.pem" }""", "checkpointStore.trustedCertificate", "applies to checkpointStore.type blob only; the SQLite store (the default) keeps everything in state.path.")]
    public void EachProblemNamesItsSetting(string store, string setting, string message) =>
        Assert.Equal(message, Problem(store, setting));

    [Fact]
    public void ASecretConnectionStringIsNeverEchoed()
    {
        var (_, validation) = Read($$"""{ "type": "blob", "connectionString": "AccountName=a;AccountKey={{StorageKey}}", "accountUrl": "https://a.blob.core.windows.net", "container": "cps" }""");
        Assert.False(validation.IsValid);
        Assert.DoesNotContain(validation.Problems, p => p.Message.Contains(StorageKey, StringComparison.Ordinal));
    }
}
