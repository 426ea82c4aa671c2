using DefenderConnector.Abstractions;
using DefenderConnector.Host.Outputs;

namespace DefenderConnector.IntegrationTests.Outputs.Http;

/// <summary>The hec, elasticsearch and sentinel settings: defaults, and each problem named by its setting with the message a user reads.</summary>
public sealed class HttpOutputSettingsTests
{
    private static (OutputPlan? Plan, IReadOnlyList<SettingsProblem> Problems) Read(string output, Func<string, string?>? environment = null) =>
        OutputSettingsReader.Read(new ConnectorSettings($$"""{ "output": {{output}} }""", Path.GetTempPath(), environment ?? (n => n == "SET" ? "value" : null)), null);

    [Fact]
    public void HecDefaults()
    {
        var (plan, problems) = Read("""{ "type": "hec", "hec": { "url": "https://splunk:8088", "token": "env:SET" } }""");
        Assert.Empty(problems);
        var hec = plan!.Hec!;
        Assert.Equal(new Uri("https://splunk:8088"), hec.Endpoint.Url);
        Assert.Equal("env:SET", hec.Token.Origin);
        Assert.False(hec.UseAck);
        Assert.False(hec.Endpoint.Gzip);
        Assert.Equal(1_000_000, hec.Endpoint.MaxRequestBytes);
        Assert.Null(hec.Index);
    }

    [Fact]
    public void ElasticsearchAndSentinelDefaults()
    {
        var (plan, problems) = Read("""{ "type": "elasticsearch", "elasticsearch": { "urls": ["https://a:9200", "https://b:9200"], "dataStream": "logs-defender-default", "apiKey": "env:SET" } }""");
        Assert.Empty(problems);
        Assert.Equal(2, plan!.Elasticsearch!.Endpoint.Urls.Count);
        Assert.True(plan.Elasticsearch.DataStream);
        Assert.Equal(5_000_000, plan.Elasticsearch.Endpoint.MaxRequestBytes);

        (plan, problems) = Read("""{ "type": "sentinel", "sentinel": { "endpoint": "https://dce.westeurope-1.ingest.monitor.azure.com", "dcrImmutableId": "dcr-1", "streamName": "Custom-X_CL", "tenantId": "t", "clientId": "c", "clientSecret": "env:SET" } }""");
        Assert.Empty(problems);
        var sentinel = plan!.Sentinel!;
        Assert.Equal("https://monitor.azure.com//.default", sentinel.Scope);
        Assert.True(sentinel.Endpoint.Gzip);
        Assert.Equal(1_000_000, sentinel.Endpoint.MaxRequestBytes);
        Assert.Equal("https://dce.westeurope-1.ingest.monitor.azure.com/dataCollectionRules/dcr-1/streams/Custom-X_CL?api-version=2023-01-01", sentinel.IngestUrl.ToString());
    }

    [Theory]
    [InlineData("""{ "type": "hec" }""", "output.hec", "is required when output.type is hec: at least { \"url\": \"https://...:8088\", \"token\": \"env:NAME\" }.")]
    [InlineData("""{ "type": "hec", "hec": { "token": "env:SET" } }""", "output.hec.url", "is required: the collector's base URL, e.g. https://splunk.example.com:8088.")]
    [InlineData("""{ "type": "hec", "hec": { "url": "splunk:8088", "token": "env:SET" } }""", "output.hec.url", "must be an absolute https:// (or http://) URL.")]
    [InlineData("""{ "type": "hec", "hec": { "url": "https://admin:pw@splunk:8088", "token": "env:SET" } }""", "output.hec.url", "must not hold credentials (user:password@): use the output's secret settings.")]
    [InlineData("""{ "type": "hec", "hec": { "url": "https://splunk:8088" } }""", "output.hec.token", "is required: the HEC token as env:NAME or file:PATH.")]
    [InlineData("""{ "type": "hec", "hec": { "url": "https://splunk:8088", "token": "env:UNSET" } }""", "output.hec.token", "refers to environment variable UNSET, which is not set or empty.")]
    [InlineData("""{ "type": "hec", "hec": { "url": "https://splunk:8088", "token": "env:SET", "ackTimeout": 5 } }""", "output.hec.ackTimeout", "is set, but useAck is false: set useAck to true or remove it.")]
    [InlineData("""{ "type": "hec", "hec": { "url": "https://splunk:8088", "token": "env:SET", "maxRequestBytes": 10 } }""", "output.hec.maxRequestBytes", "must be a whole number from 1024 to 536870912.")]
    [InlineData("""{ "type": "hec", "hec": { "url": "http://splunk:8088", "token": "env:SET", "caFile": "ca.pem" } }""", "output.hec.caFile", "is set, but the URL is not https: use https or remove caFile.")]
    [InlineData("""{ "type": "hec", "hec": { "url": "https://splunk:8088", "token": "env:SET", "useAck": "yes" } }""", "output.hec.useAck", "must be true or false.")]
    [InlineData("""{ "type": "hec", "hec": { "url": "https://splunk:8088", "token": "env:SET", "indexes": "x" } }""", "output.hec.indexes", "is not a setting here; known: caFile, connectTimeout, requestTimeout, maxRequestBytes, gzip, maxRetries, retryDelay, retryMaxDelay, url, token, index, sourcetype, source, host, useAck, ackTimeout, ackPollInterval.")]
    [InlineData("""{ "type": "elasticsearch", "elasticsearch": { "url": "https://es:9200", "apiKey": "env:SET" } }""", "output.elasticsearch.dataStream", "or index is required: where the events go (e.g. logs-defender-default).")]
    [InlineData("""{ "type": "elasticsearch", "elasticsearch": { "url": "https://es:9200", "index": "a", "dataStream": "b" } }""", "output.elasticsearch.dataStream", "and index are both set: write to one (dataStream for a data stream, index for an index or alias).")]
    [InlineData("""{ "type": "elasticsearch", "elasticsearch": { "url": "https://es:9200", "index": "Defender" } }""", "output.elasticsearch.index", "must be lowercase, must not start with _ or -, and must not hold \\ / * ? \" < > | , # : or a space.")]
    [InlineData("""{ "type": "elasticsearch", "elasticsearch": { "url": "https://es:9200", "urls": ["https://es:9200"], "index": "d" } }""", "output.elasticsearch.urls", "and url are both set: use one.")]
    [InlineData("""{ "type": "elasticsearch", "elasticsearch": { "urls": [], "index": "d" } }""", "output.elasticsearch.urls", "must be a non-empty array of non-empty strings.")]
    [InlineData("""{ "type": "elasticsearch", "elasticsearch": { "url": "https://es:9200", "index": "d", "username": "elastic" } }""", "output.elasticsearch.password", "is required with username (as env:NAME or file:PATH).")]
    [InlineData("""{ "type": "elasticsearch", "elasticsearch": { "url": "https://es:9200", "index": "d", "apiKey": "env:SET", "username": "u", "password": "env:SET" } }""", "output.elasticsearch.username", "and apiKey are both set: use one way to authenticate.")]
    [InlineData("""{ "type": "sentinel", "sentinel": { "endpoint": "https://dce", "dcrImmutableId": "my-rule", "streamName": "s", "tenantId": "t", "clientId": "c", "clientSecret": "env:SET" } }""", "output.sentinel.dcrImmutableId", "must be the rule's immutable id, which starts with dcr- (not its name or resource id).")]
    [InlineData("""{ "type": "sentinel", "sentinel": { "endpoint": "https://dce", "dcrImmutableId": "dcr-1", "tenantId": "t", "clientId": "c", "clientSecret": "env:SET" } }""", "output.sentinel.streamName", "is required: the DCR's input stream, e.g. Custom-DefenderOcsf_CL.")]
    [InlineData("""{ "type": "sentinel", "sentinel": { "endpoint": "https://dce", "dcrImmutableId": "dcr-1", "streamName": "s", "tenantId": "t", "clientId": "c" } }""", "output.sentinel.clientSecret", "or clientCertificate is required: how the app signs in to Entra.")]
    [InlineData("""{ "type": "sentinel", "sentinel": { "endpoint": "https://dce", "dcrImmutableId": "dcr-1", "streamName": "s", "tenantId": "t", "clientId": "c", "clientSecret": "env:SET", "maxRequestBytes": 2000000 } }""", "output.sentinel.maxRequestBytes", "must be a whole number from 1024 to 1048576.")]
    [InlineData("""{ "type": "sentinel", "sentinel": { "endpoint": "https://dce", "dcrImmutableId": "dcr-1", "streamName": "s", "tenantId": "t", "clientId": "c", "clientSecret": "env:SET", "authorityHost": "http://login" } }""", "output.sentinel.authorityHost", "must be https.")]
    [InlineData("""{ "type": "sentinel", "sentinel": { "dcrImmutableId": "dcr-1", "streamName": "s", "tenantId": "t", "clientId": "c", "clientSecret": "env:SET" } }""", "output.sentinel.endpoint", "is required: the data collection endpoint (or the DCR's logs ingestion endpoint), e.g. https://my-dce.westeurope-1.ingest.monitor.azure.com.")]
    [InlineData("""{ "type": "hec", "hec": { "url": "https://s:8088", "token": "env:SET" }, "sentinel": { } }""", "output.sentinel", "is set, but output.type is hec: remove it or set output.type to sentinel.")]
    public void ABadSettingIsNamedWithItsProblem(string output, string setting, string message)
    {
        var (plan, problems) = Read(output);
        Assert.Null(plan);
        Assert.Contains(new SettingsProblem(setting, message), problems);
    }

    [Fact]
    public void NoSecretAppearsInAProblem()
    {
        var (_, problems) = Read("""{ "type": "elasticsearch", "elasticsearch": { "url": "https://es:9200", "index": "Bad", "apiKey": "env:KEY", "username": "u" } }""", n => n == "KEY" ? "s3cret-api-key" : null);
        Assert.NotEmpty(problems);
        Assert.DoesNotContain(problems, p => p.ToString().Contains("s3cret-api-key", StringComparison.Ordinal));
    }
}
