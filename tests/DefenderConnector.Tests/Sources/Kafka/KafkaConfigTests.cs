using System.Security.Cryptography;
using Confluent.Kafka;
using DefenderConnector.Abstractions;
using DefenderConnector.Configuration;
using DefenderConnector.Sources.EventHub;
using DefenderConnector.Sources.Kafka;
using Microsoft.Extensions.Logging.Abstractions;

namespace DefenderConnector.Tests.Sources.Kafka;

/// <summary>eventHub.transport kafka: the librdkafka settings built for a real namespace, validation naming the setting, and the key kept out of every text.</summary>
public sealed class KafkaConfigTests : IDisposable
{
    private readonly string _key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly Fakes.TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_real_namespace_is_read_over_sasl_ssl_with_the_connection_string_as_password()
    {
        var (options, validation) = Read("""
            "namespace": "contoso-defender", "transport": "kafka", "sasPolicyName": "ListenOnly", "sasKey": "env:DC_KEY", "consumerGroup": "siem"
            """);
        Assert.True(validation.IsValid, validation.ToString());

        var config = KafkaConfigBuilder.Build(options!);

        Assert.Equal("contoso-defender.servicebus.windows.net:9093", config.BootstrapServers);
        Assert.Equal(SecurityProtocol.SaslSsl, config.SecurityProtocol);
        Assert.Equal(SaslMechanism.Plain, config.SaslMechanism);
        Assert.Equal("$ConnectionString", config.SaslUsername);
        Assert.Equal($"Endpoint=sb://contoso-defender.servicebus.windows.net/;SharedAccessKeyName=ListenOnly;SharedAccessKey={_key}", config.SaslPassword);
        Assert.Equal("siem", config.GroupId);
        Assert.False(config.EnableAutoCommit);
        Assert.False(config.EnableAutoOffsetStore);
        Assert.Equal(AutoOffsetReset.Earliest, config.AutoOffsetReset);
        Assert.True(config.SocketKeepaliveEnable);
        Assert.Equal(180_000, config.MetadataMaxAgeMs);
    }

    [Fact]
    public void A_connection_string_gives_policy_and_key_and_latest_starts_at_the_end()
    {
        var (options, validation) = Read("""
            "connectionString": "env:DC_CS", "transport": "kafka", "initialPosition": "latest"
            """);
        Assert.True(validation.IsValid, validation.ToString());

        var config = KafkaConfigBuilder.Build(options!);

        Assert.Equal("contoso-defender.servicebus.windows.net:9093", config.BootstrapServers);
        Assert.Contains($"SharedAccessKeyName=Reader;SharedAccessKey={_key}", config.SaslPassword, StringComparison.Ordinal);
        Assert.Equal(AutoOffsetReset.Latest, config.AutoOffsetReset);
    }

    [Fact]
    public void The_key_appears_in_no_description_validation_or_error_text()
    {
        var (options, _) = Read("""
            "namespace": "contoso-defender", "transport": "kafka", "sasPolicyName": "ListenOnly", "sasKey": "env:DC_KEY"
            """);
        var source = new KafkaSource(options!, NullLoggerFactory.Instance);
        Assert.DoesNotContain(_key, source.Descriptor.DisplayName, StringComparison.Ordinal);
        Assert.DoesNotContain(_key, options!.ToString(), StringComparison.Ordinal);
        foreach (var code in new[] { ErrorCode.SaslAuthenticationFailed, ErrorCode.Local_Transport, ErrorCode.TopicAuthorizationFailed, ErrorCode.Local_Ssl })
        {
            var failure = KafkaErrors.Classify(new Error(code), "read the topic's metadata");
            Assert.DoesNotContain(_key, failure.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(_key, failure.ToString(), StringComparison.Ordinal);
        }

        var (_, refused) = Read("""
            "namespace": "contoso-defender", "transport": "kafka-plaintext", "sasPolicyName": "ListenOnly", "sasKey": "env:DC_KEY"
            """);
        Assert.DoesNotContain(_key, refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Plaintext_is_refused_for_any_host_but_loopback()
    {
        var (_, validation) = Read("""
            "namespace": "contoso-defender", "transport": "kafka-plaintext", "sasPolicyName": "ListenOnly", "sasKey": "env:DC_KEY"
            """);
        Assert.False(validation.IsValid);
        Assert.Contains("eventHub.transport: kafka-plaintext sends the records without TLS and is allowed only for a loopback broker, but the namespace is 'contoso-defender.servicebus.windows.net'", validation.ToString(), StringComparison.Ordinal);

        var (loopback, ok) = Read("""
            "namespace": "127.0.0.1", "port": 19092, "transport": "kafka-plaintext", "sasPolicyName": "ListenOnly", "sasKey": "env:DC_KEY"
            """);
        Assert.True(ok.IsValid, ok.ToString());
        var config = KafkaConfigBuilder.Build(loopback!);
        Assert.Equal(SecurityProtocol.Plaintext, config.SecurityProtocol);
        Assert.Null(config.SaslPassword);
        Assert.Equal("127.0.0.1:19092", config.BootstrapServers);

        // The builder refuses too, whoever calls it.
        Assert.Throws<InvalidOperationException>(() => KafkaConfigBuilder.Build(loopback! with { FullyQualifiedNamespace = "contoso-defender.servicebus.windows.net" }));
    }

    [Fact]
    public void Unknown_transports_and_entra_with_kafka_are_refused_naming_the_setting()
    {
        var (_, unknown) = Read("""
            "namespace": "contoso-defender", "transport": "kafka2", "sasPolicyName": "ListenOnly", "sasKey": "env:DC_KEY"
            """);
        Assert.Contains("eventHub.transport: must be amqps (default), websockets, kafka, amqp (local emulator only) or kafka-plaintext (loopback only), found 'kafka2'", unknown.ToString(), StringComparison.Ordinal);

        var (_, entra) = Read("""
            "namespace": "contoso-defender", "transport": "kafka", "entra": { "method": "managedIdentity" }
            """);
        Assert.Contains("eventHub.transport: kafka signs in with a SAS policy and key", entra.ToString(), StringComparison.Ordinal);
    }

    private (EventHubSourceOptions? Options, SettingsValidation Validation) Read(string members)
    {
        var json = $$"""{ "eventHub": { "hubName": "defender", {{members}} } }""";
        var cs = $"Endpoint=sb://contoso-defender.servicebus.windows.net/;SharedAccessKeyName=Reader;SharedAccessKey={_key}";
        var (options, validation) = SettingsReader.Read(new ConnectorSettings(json, _temp.Path, n => n switch { "DC_KEY" => _key, "DC_CS" => cs, _ => null }));
        return (options?.EventHub, validation);
    }
}
