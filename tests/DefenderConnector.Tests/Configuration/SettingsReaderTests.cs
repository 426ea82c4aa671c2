using DefenderConnector.Abstractions;
using DefenderConnector.Configuration;
using DefenderConnector.Sources.EventHub;

namespace DefenderConnector.Tests.Configuration;

public sealed class SettingsReaderTests
{
    private static readonly string Key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private static (ConnectorOptions? Options, SettingsValidation Validation) Read(string json, Func<string, string?>? env = null) =>
        SettingsReader.Read(new ConnectorSettings(json, System.IO.Path.GetTempPath(), env ?? (_ => null)));

    [Fact]
    public void FortiSiemCredentialSetIsReadWithDefaults()
    {
        var (options, validation) = Read($$"""
            { "eventHub": { "namespace": "contoso-defender", "hubName": "defender", "sasPolicyName": "listen", "sasKey": "{{Key}}" } }
            """);

        Assert.True(validation.IsValid, validation.ToString());
        var eh = options!.EventHub!;
        Assert.Equal("contoso-defender.servicebus.windows.net", eh.FullyQualifiedNamespace);
        Assert.Equal("defender", eh.HubName);
        Assert.Equal("listen", eh.SasPolicyName);
        Assert.Equal(Key, eh.SasKey!.Value);
        Assert.Equal("$Default", eh.ConsumerGroup);
        Assert.Equal(EventHubTransportKind.Amqps, eh.Transport);
        Assert.Equal(5671, eh.Port);
        Assert.Equal(TimeSpan.FromMinutes(5), eh.PullInterval);
        Assert.Equal(StartPositionKind.Earliest, eh.InitialPosition.Kind);
        Assert.Equal(OutputFormat.Ocsf, options.OutputFormat);
        Assert.True(options.EcsOriginal);
    }

    [Fact]
    public void EcsOriginalCanBeTurnedOffAndMustBeABoolean()
    {
        var source = $$"""{ "namespace": "ns-one", "hubName": "h", "sasPolicyName": "p", "sasKey": "{{Key}}" }""";
        var (off, valid) = Read($$"""{ "eventHub": {{source}}, "output": { "format": "ecs", "ecsOriginal": false } }""");
        Assert.True(valid.IsValid, valid.ToString());
        Assert.False(off!.EcsOriginal);

        var (_, invalid) = Read($$"""{ "eventHub": {{source}}, "output": { "format": "ecs", "ecsOriginal": "no" } }""");
        Assert.False(invalid.IsValid);
        Assert.Contains("output.ecsOriginal", invalid.ToString());
    }

    [Fact]
    public void TheHostsOutputSettingsPassThePluginsCheck()
    {
        // The host validates these; the plugin must only not refuse them as unknown.
        var source = $$"""{ "namespace": "ns-one", "hubName": "h", "sasPolicyName": "p", "sasKey": "{{Key}}" }""";
        var (_, validation) = Read($$"""{ "eventHub": {{source}}, "output": { "type": "file", "path": "e.jsonl", "pageCacheMb": 256, "deadLetterPath": "d.jsonl" } }""");
        Assert.True(validation.IsValid, validation.ToString());
    }

    [Fact]
    public void ConnectionStringSuppliesEveryCredential()
    {
        var (options, validation) = Read($$"""
            { "eventHub": { "connectionString": "Endpoint=sb://localhost:5999;SharedAccessKeyName=emu;SharedAccessKey={{Key}};EntityPath=hub1;UseDevelopmentEmulator=true" } }
            """);

        Assert.True(validation.IsValid, validation.ToString());
        var eh = options!.EventHub!;
        Assert.Equal("localhost", eh.FullyQualifiedNamespace);
        Assert.Equal(5999, eh.Port);
        Assert.Equal("hub1", eh.HubName);
        Assert.Equal("emu", eh.SasPolicyName);
        Assert.Equal(EventHubTransportKind.Amqp, eh.Transport);
    }

    [Fact]
    public void SecretReferencesResolveFromEnvironmentAndFile()
    {
        using var temp = new Fakes.TempDirectory();
        File.WriteAllText(temp.File("key.txt"), Key + "\n");
        var settings = new ConnectorSettings(
            """{ "eventHub": { "namespace": "ns-one", "hubName": "h", "sasPolicyName": "p", "sasKey": "file:key.txt" } }""", temp.Path, _ => null);
        var (fromFile, v1) = SettingsReader.Read(settings);
        Assert.True(v1.IsValid, v1.ToString());
        Assert.Equal(Key, fromFile!.EventHub!.SasKey!.Value);
        Assert.Equal("***(file:key.txt)", fromFile.EventHub.SasKey!.ToString());

        var (fromEnv, v2) = Read("""{ "eventHub": { "namespace": "ns-one", "hubName": "h", "sasPolicyName": "p", "sasKey": "env:DC_KEY" } }""", n => n == "DC_KEY" ? Key : null);
        Assert.True(v2.IsValid, v2.ToString());
        Assert.Equal(Key, fromEnv!.EventHub!.SasKey!.Value);
    }

    [Fact]
    public void EveryProblemIsReportedAtOnceNamingItsSetting()
    {
        var (options, validation) = Read("""
            {
              "eventHub": {
                "namespace": "contoso defender",
                "sasKey": "env:DC_MISSING",
                "consumergroup": "x",
                "pullInterval": "5 minutes",
                "initialPosition": "yesterday",
                "maxEventsPerPull": 0,
                "transport": "mqtt"
              },
              "output": { "format": "xml" },
              "extra": 1
            }
            """);

        Assert.Null(options);
        Assert.Equal(
            [
                "extra: is not a known setting. Known settings here: $schema, eventHub, eventHubs, graph, storage, tenants, output, state, telemetry, checkpointStore.",
                "eventHub.consumergroup: is not a known setting; did you mean 'consumerGroup'? Setting names are case-sensitive.",
                "eventHub.namespace: 'contoso defender' is not a namespace name (letters, digits and hyphens) or a host name.",
                "eventHub.sasKey: refers to environment variable DC_MISSING, which is not set or empty.",
                "eventHub.hubName: is required: the event hub Defender XDR streams to (or EntityPath in the connection string).",
                "eventHub.sasPolicyName: is required: the shared access policy name (for example 'RootManageSharedAccessKey' or a Listen-only policy).",
                "eventHub.transport: must be amqps (default), websockets, kafka, amqp (local emulator only) or kafka-plaintext (loopback only), found 'mqtt'.",
                "eventHub.initialPosition: must be earliest, latest or an ISO-8601 time such as 2026-11-01T00:00:00Z, found 'yesterday'.",
                "eventHub.pullInterval: must be a duration such as 300, \"90s\", \"5m\", \"1h\" or \"00:05:00\", found \"5 minutes\".",
                "eventHub.maxEventsPerPull: must be between 1 and 9223372036854775807, found 0.",
                "output.format: must be ocsf (default), cef or ecs, found 'xml'.",
            ],
            validation.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void PlainAmqpIsRefusedForARemoteNamespace()
    {
        var (_, validation) = Read($$"""{ "eventHub": { "namespace": "contoso-defender", "hubName": "h", "sasPolicyName": "p", "sasKey": "{{Key}}", "transport": "amqp" } }""");

        var problem = Assert.Single(validation.Problems);
        Assert.Equal("eventHub.transport", problem.Setting);
        Assert.Contains("only for a local emulator endpoint", problem.Message);
    }

    [Fact]
    public void ASecretOfTheWrongTypeIsNeverPrinted()
    {
        var (_, validation) = Read("""{ "eventHub": { "namespace": "ns-one", "hubName": "h", "sasPolicyName": "p", "sasKey": 1234567890123 } }""");

        Assert.DoesNotContain(validation.Problems, p => p.Message.Contains("1234567890123"));
        Assert.Contains(validation.Problems, p => p.Setting == "eventHub.sasKey" && p.Message == "must be a string, found number.");
    }

    [Fact]
    public void BrokenConnectionStringIsExplainedWithoutItsKey()
    {
        var (_, validation) = Read($$"""{ "eventHub": { "connectionString": "SharedAccessKeyName=p;SharedAccessKey={{Key}}" } }""");

        Assert.Contains(validation.Problems, p => p.ToString() == "eventHub.connectionString: has no Endpoint=sb://<namespace>.servicebus.windows.net/ part.");
        Assert.DoesNotContain(validation.Problems, p => p.Message.Contains(Key));
    }

    [Fact]
    public void NoSourceIsAProblem()
    {
        var (_, validation) = Read("""{ "output": { "format": "ocsf" } }""");

        Assert.Contains(validation.Problems, p => p.Setting == "eventHub" && p.Message.StartsWith("no source is configured", StringComparison.Ordinal));
    }

    [Fact]
    public void InvalidJsonIsReportedPlainly()
    {
        var (_, validation) = Read("{ \"eventHub\": ");

        var problem = Assert.Single(validation.Problems);
        Assert.Equal("(settings file)", problem.Setting);
        Assert.StartsWith("is not valid JSON", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("earliest", "Earliest")]
    [InlineData("latest", "Latest")]
    [InlineData("2026-11-01T10:00:00Z", "EnqueuedTime")]
    public void InitialPositionForms(string text, string kind)
    {
        var (options, validation) = Read($$"""{ "eventHub": { "namespace": "ns-one", "hubName": "h", "sasPolicyName": "p", "sasKey": "{{Key}}", "initialPosition": "{{text}}" } }""");

        Assert.True(validation.IsValid, validation.ToString());
        Assert.Equal(kind, options!.EventHub!.InitialPosition.Kind.ToString());
    }
}
