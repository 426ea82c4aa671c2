using Confluent.Kafka;
using DefenderConnector.Sources.EventHub;

namespace DefenderConnector.Sources.Kafka;

/// <summary>
/// The librdkafka consumer settings for an Event Hub read through its Kafka endpoint: SASL_SSL with
/// mechanism PLAIN, user name <c>$ConnectionString</c> and the namespace connection string as password,
/// offsets stored and committed only by the connector (after the sink confirmed a batch).
/// </summary>
internal static class KafkaConfigBuilder
{
    /// <summary>The user name Event Hubs expects when the password is a connection string.</summary>
    public const string ConnectionStringUser = "$ConnectionString";

    public static ConsumerConfig Build(EventHubSourceOptions options)
    {
        var plaintext = options.Transport == EventHubTransportKind.KafkaPlaintext;
        if (plaintext && !EventHubSettingsReader.IsLoopback(options.FullyQualifiedNamespace))
        {
            // Also checked when the settings are read; repeated here so no caller can send a key in clear text.
            throw new InvalidOperationException($"eventHub.transport kafka-plaintext is allowed only for a loopback namespace, not '{options.FullyQualifiedNamespace}'.");
        }

        var config = new ConsumerConfig
        {
            BootstrapServers = $"{options.FullyQualifiedNamespace}:{options.Port}",
            GroupId = options.ConsumerGroup,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            EnablePartitionEof = false,
            AutoOffsetReset = options.InitialPosition.Kind == StartPositionKind.Latest ? AutoOffsetReset.Latest : AutoOffsetReset.Earliest,

            // Event Hubs' recommendations for Kafka clients: it drops connections idle for 240 s, and
            // librdkafka's 5 s request timeout is too short for it.
            SocketKeepaliveEnable = true,
            MetadataMaxAgeMs = 180_000,
            SocketTimeoutMs = 60_000,
            SessionTimeoutMs = 30_000,
            HeartbeatIntervalMs = 3_000,
            MaxPollIntervalMs = 300_000,
            ClientId = "defender-connector",
        };

        if (plaintext)
        {
            config.SecurityProtocol = SecurityProtocol.Plaintext;
            return config;
        }

        config.SecurityProtocol = SecurityProtocol.SaslSsl;
        config.SaslMechanism = SaslMechanism.Plain;
        config.SaslUsername = ConnectionStringUser;
        config.SaslPassword = ConnectionString(options);
        if (options.TrustedCertificatePath is { } ca)
        {
            config.SslCaLocation = ca;
        }

        return config;
    }

    /// <summary>The namespace-level connection string Event Hubs' Kafka endpoint takes as the SASL password.</summary>
    private static string ConnectionString(EventHubSourceOptions options)
    {
        if (options.SasKey is null || options.SasPolicyName is null)
        {
            throw new InvalidOperationException("eventHub.transport kafka signs in with a SAS policy and key (eventHub.sasPolicyName and eventHub.sasKey, or eventHub.connectionString).");
        }

        return $"Endpoint=sb://{options.FullyQualifiedNamespace}/;SharedAccessKeyName={options.SasPolicyName};SharedAccessKey={options.SasKey.Value}";
    }
}
