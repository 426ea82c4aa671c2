using Microsoft.Extensions.Logging;

namespace DefenderConnector.Sources.EventHub;

/// <summary>The AMQP transport's log lines. None carries a key or a token; audiences and hosts are not secret.</summary>
internal static partial class EventHubLog
{
    [LoggerMessage(2101, LogLevel.Information, "Event Hub connection {ContainerId} opened to {Host}:{Port} ({Transport})")]
    public static partial void ConnectionOpened(ILogger logger, string containerId, string host, int port, string transport);

    [LoggerMessage(2102, LogLevel.Warning, "Event Hub connection {ContainerId} closed: {Reason} {Detail}")]
    public static partial void ConnectionClosed(ILogger logger, string containerId, EventHubFailureReason reason, string detail);

    [LoggerMessage(2103, LogLevel.Debug, "SAS token renewed for {Audience}")]
    public static partial void TokenRenewed(ILogger logger, string audience);

    [LoggerMessage(2104, LogLevel.Warning, "SAS token renewal for {Audience} failed ({Reason}): {Detail}; retry in {RetrySeconds:0.0} s")]
    public static partial void TokenRenewalFailed(ILogger logger, string audience, EventHubFailureReason reason, string detail, double retrySeconds);

    [LoggerMessage(2105, LogLevel.Debug, "Partition {Partition}: receiver {Receiver} attached {Position}")]
    public static partial void ReceiverOpened(ILogger logger, string partition, string receiver, string position);

    [LoggerMessage(2106, LogLevel.Warning, "Partition {Partition}: receiver closed by the service ({Reason}): {Detail}")]
    public static partial void ReceiverClosed(ILogger logger, string partition, EventHubFailureReason reason, string detail);
}
