using Microsoft.Extensions.Logging;

namespace DefenderConnector.Balancing;

/// <summary>The load balancer's log events.</summary>
internal static partial class BalancingLog
{
    [LoggerMessage(5001, LogLevel.Information, "{Stream}: partition {Partition} claimed by this instance (owner id {OwnerId})")]
    public static partial void Claimed(ILogger logger, string stream, string partition, string ownerId);

    [LoggerMessage(5002, LogLevel.Information, "{Stream}: partition {Partition} is now owned by another instance")]
    public static partial void Lost(ILogger logger, string stream, string partition);

    [LoggerMessage(5003, LogLevel.Warning, "{Stream}: ownership cycle failed: {Error}")]
    public static partial void CycleFailed(ILogger logger, string stream, string error);

    [LoggerMessage(5004, LogLevel.Information, "{Stream}: gave back {Count} partitions on shutdown")]
    public static partial void Relinquished(ILogger logger, string stream, int count);

    [LoggerMessage(5005, LogLevel.Information, "Checkpoint store {Store}: this instance's owner id is {OwnerId}")]
    public static partial void Identity(ILogger logger, string store, string ownerId);

    [LoggerMessage(5006, LogLevel.Information, "Partition {Partition}: stopped reading, {Why}; its last checkpoint stands")]
    public static partial void HandedOver(ILogger logger, string partition, string why);

    [LoggerMessage(5008, LogLevel.Information, "Partition {Partition}: the store still names this instance its owner after another receiver took the link; reading it again from its checkpoint")]
    public static partial void Retaken(ILogger logger, string partition);

    [LoggerMessage(5007, LogLevel.Warning, "Pull history of {Source} not written to the checkpoint store: {Error}")]
    public static partial void HistoryNotWritten(ILogger logger, string source, string error);
}
