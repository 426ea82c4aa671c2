namespace DefenderConnector.Sources.EventHub;

/// <summary>How the consumer reaches Event Hubs.</summary>
internal enum EventHubTransportKind
{
    /// <summary>AMQP 1.0 over TLS, port 5671 (the default).</summary>
    Amqps,

    /// <summary>Plain AMQP, port 5672: only for a local emulator endpoint.</summary>
    Amqp,

    /// <summary>AMQP over secure WebSockets, port 443.</summary>
    WebSockets,

    /// <summary>The namespace's Kafka endpoint, SASL_SSL on port 9093 (<c>Sources/Kafka</c>).</summary>
    Kafka,

    /// <summary>Kafka without TLS or SASL: only for a loopback broker (a local test cluster).</summary>
    KafkaPlaintext,
}
