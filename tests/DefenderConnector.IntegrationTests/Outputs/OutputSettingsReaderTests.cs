using DefenderConnector.Abstractions;
using DefenderConnector.Host.Outputs;

namespace DefenderConnector.IntegrationTests.Outputs;

/// <summary>The host's output settings: each problem named by its setting, with the message a user reads.</summary>
public sealed class OutputSettingsReaderTests
{
    private static (OutputPlan? Plan, IReadOnlyList<SettingsProblem> Problems) Read(string output, Func<string, string?>? environment = null) =>
        OutputSettingsReader.Read(new ConnectorSettings($$"""{ "output": {{output}} }""", Path.GetTempPath(), environment ?? (_ => null)), null);

    [Fact]
    public void NoTypeMeansTheFile()
    {
        var (plan, problems) = Read("""{ "path": "events.jsonl" }""");
        Assert.Empty(problems);
        Assert.Equal(OutputKind.File, plan!.Kind);
        Assert.Equal(Path.Combine(Path.GetTempPath(), "events.jsonl"), plan.FilePath);
        Assert.Equal(64L << 20, plan.FileCacheBytes);
    }

    [Theory]
    [InlineData(0, 0L)]
    [InlineData(512, 512L << 20)]
    [InlineData(1048576, 1L << 40)]
    public void PageCacheMbSetsHowMuchOfTheFileStaysCached(int megabytes, long bytes)
    {
        var (plan, problems) = Read($$"""{ "path": "events.jsonl", "pageCacheMb": {{megabytes}} }""");
        Assert.Empty(problems);
        Assert.Equal(bytes, plan!.FileCacheBytes);
    }

    [Fact]
    public void SyslogDefaultsToTlsOn6514()
    {
        var (plan, problems) = Read("""{ "type": "syslog", "syslog": { "host": "siem.contoso.local" } }""");
        Assert.Empty(problems);
        var syslog = plan!.Syslog!;
        Assert.True(syslog.Endpoint.Tls);
        Assert.Equal(6514, syslog.Endpoint.Port);
        Assert.Equal("siem.contoso.local", syslog.Endpoint.ServerName);
        Assert.Equal(65536, syslog.MaxMessageBytes);
        Assert.Equal(new RetrySettings(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)), syslog.Retry);
    }

    [Theory]
    [InlineData("""{ "pageCacheMb": -1 }""", "output.pageCacheMb", "must be a whole number from 0 to 1048576.")]
    [InlineData("""{ "pageCacheMb": "64" }""", "output.pageCacheMb", "must be a whole number from 0 to 1048576.")]
    [InlineData("""{ "type": "syslog", "syslog": { "host": "h" }, "pageCacheMb": 64 }""", "output.pageCacheMb", "applies to the file output only, but output.type is syslog: remove it.")]
    [InlineData("""{ "type": "kafka" }""", "output.type", "must be file (default), syslog, relp, hec, elasticsearch or sentinel, found 'kafka'.")]
    [InlineData("""{ "type": "syslog" }""", "output.syslog", "is required when output.type is syslog: at least { \"host\": \"...\" }.")]
    [InlineData("""{ "type": "syslog", "syslog": { } }""", "output.syslog.host", "is required: the receiver's name or address.")]
    [InlineData("""{ "type": "syslog", "syslog": { "host": "h", "port": 70000 } }""", "output.syslog.port", "must be a whole number from 1 to 65535.")]
    [InlineData("""{ "type": "syslog", "syslog": { "host": "h", "maxMessageBytes": 100 } }""", "output.syslog.maxMessageBytes", "must be a whole number from 480 to 16777216.")]
    [InlineData("""{ "type": "syslog", "syslog": { "host": "h", "appName": "two words" } }""", "output.syslog.appName", "must be 1 to 48 printable ASCII characters without spaces (RFC 5424 §6.2).")]
    [InlineData("""{ "type": "syslog", "syslog": { "host": "h", "tls": false, "caFile": "ca.pem" } }""", "output.syslog.tls", "is false, but caFile or clientCertificate is set: set tls to true or remove them.")]
    [InlineData("""{ "type": "syslog", "syslog": { "host": "h", "caFile": "no-such-ca.pem" } }""", "output.syslog.caFile", "refers to no-such-ca.pem, which does not exist.")]
    [InlineData("""{ "type": "syslog", "syslog": { "host": "h", "clientCertificatePassword": "env:DC_NOT_SET" } }""", "output.syslog.clientCertificatePassword", "refers to environment variable DC_NOT_SET, which is not set or empty.")]
    [InlineData("""{ "type": "syslog", "syslog": { "host": "h", "retryDelay": "soon" } }""", "output.syslog.retryDelay", "must be a number of seconds or hh:mm:ss, from 00:00:00 to 00:05:00.")]
    [InlineData("""{ "type": "syslog", "syslog": { "host": "h", "ackTimeout": 5 } }""", "output.syslog.ackTimeout", "is not a setting here; known: host, port, tls, serverName, caFile, clientCertificate, clientKey, clientCertificatePassword, connectTimeout, maxMessageBytes, appName, hostname, facility, severity, maxRetries, retryDelay, retryMaxDelay.")]
    [InlineData("""{ "type": "relp", "relp": { "host": "h" }, "syslog": { "host": "h" } }""", "output.syslog", "is set, but output.type is relp: remove it or set output.type to syslog.")]
    public void ABadSettingIsNamedWithItsProblem(string output, string setting, string message)
    {
        var (plan, problems) = Read(output);
        Assert.Null(plan);
        Assert.Contains(new SettingsProblem(setting, message), problems);
    }

    [Fact]
    public void ASecretNeverAppearsInAProblemOrInTheOptions()
    {
        var (plan, problems) = Read("""{ "type": "syslog", "syslog": { "host": "h", "clientCertificate": "missing.pfx", "clientCertificatePassword": "env:DC_PW" } }""", n => n == "DC_PW" ? "s3cret-value" : null);
        Assert.Null(plan);
        Assert.DoesNotContain(problems, p => p.ToString().Contains("s3cret-value", StringComparison.Ordinal));
    }
}
