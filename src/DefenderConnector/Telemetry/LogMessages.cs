using DefenderConnector.Sources.EventHub;
using Microsoft.Extensions.Logging;

namespace DefenderConnector;

/// <summary>Every log line the connector writes, in one place. No message carries a secret.</summary>
internal static partial class LogMessages
{
    [LoggerMessage(1001, LogLevel.Information, "Pull of {Source} started")]
    public static partial void PullStarted(ILogger logger, string source);

    [LoggerMessage(1002, LogLevel.Information, "Pull of {Source} ended ({StopReason}): {Events} events, {DeadLetters} dead letters in {ElapsedMs} ms")]
    public static partial void PullEnded(ILogger logger, string source, string stopReason, long events, long deadLetters, long elapsedMs);

    [LoggerMessage(1003, LogLevel.Error, "Pull of {Source} failed: {Error}")]
    public static partial void PullFailed(ILogger logger, string source, string error);

    [LoggerMessage(1005, LogLevel.Debug, "Pull of {Source} failed unexpectedly")]
    public static partial void PullFailedDetail(ILogger logger, string source, Exception exception);

    [LoggerMessage(2004, LogLevel.Warning, "Partition {Partition}: {Problem}")]
    public static partial void CheckpointProblem(ILogger logger, string partition, string problem);

    [LoggerMessage(1004, LogLevel.Warning, "Pull of {Source} skipped: the previous pull is still running")]
    public static partial void PullOverlap(ILogger logger, string source);

    [LoggerMessage(2001, LogLevel.Warning, "Partition {Partition}: {Reason}, retry {Attempt} in {DelaySeconds:0.0} s from sequence number {SequenceNumber}")]
    public static partial void PartitionRetry(ILogger logger, string partition, EventHubFailureReason reason, int attempt, double delaySeconds, long sequenceNumber);

    [LoggerMessage(2002, LogLevel.Warning, "Partition {Partition}: no events arrived after sequence number {SequenceNumber} although the tail was {Tail}; retention may have removed them")]
    public static partial void PartitionIdle(ILogger logger, string partition, long sequenceNumber, long tail);

    [LoggerMessage(2003, LogLevel.Warning, "Event Hub: {What} failed ({Reason}), retry {Attempt} in {DelaySeconds:0.0} s")]
    public static partial void OperationRetry(ILogger logger, string what, EventHubFailureReason reason, int attempt, double delaySeconds);

    [LoggerMessage(4001, LogLevel.Warning, "Storage: container {Container} failed ({Code}): {Error}")]
    public static partial void StorageContainerFailed(ILogger logger, string container, string code, string error);

    [LoggerMessage(4002, LogLevel.Debug, "Storage: container {Container}: blobs of hours before {Hour} are finished and leave the working set")]
    public static partial void StorageRetired(ILogger logger, string container, string hour);
}
