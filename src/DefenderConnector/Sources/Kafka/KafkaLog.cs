using Microsoft.Extensions.Logging;

namespace DefenderConnector.Sources.Kafka;

/// <summary>The Kafka transport's log lines. librdkafka's own lines pass through here; they never carry the SASL password.</summary>
internal static partial class KafkaLog
{
    [LoggerMessage(7101, LogLevel.Debug, "librdkafka {Facility}: {Text}")]
    public static partial void Client(ILogger logger, string facility, string text);

    [LoggerMessage(7102, LogLevel.Warning, "librdkafka error {Code}: {Reason}")]
    public static partial void ClientError(ILogger logger, string code, string reason);
}
