using Microsoft.Extensions.Logging;

namespace DefenderConnector.Sources.Graph;

/// <summary>Every log line of the Graph and legacy sources. No message carries a secret or token.</summary>
internal static partial class GraphLog
{
    [LoggerMessage(3001, LogLevel.Information, "Graph source: reading with the {Mode} API")]
    public static partial void ModeActive(ILogger logger, string mode);

    [LoggerMessage(3002, LogLevel.Warning, "Graph source: falling back from {From} to {To}: {Reason}")]
    public static partial void FallingBack(ILogger logger, string from, string to, string reason);

    [LoggerMessage(3003, LogLevel.Information, "Graph source: {Primary} is healthy again; resuming it instead of {Current}")]
    public static partial void PrimaryResumed(ILogger logger, string primary, string current);

    [LoggerMessage(3004, LogLevel.Information, "Graph source: {Primary} is still unavailable ({Reason}); next check in {Minutes:0} min")]
    public static partial void PrimaryStillDown(ILogger logger, string primary, string reason, double minutes);

    [LoggerMessage(3005, LogLevel.Warning, "Graph source: $expand=alerts failed ({Failures}/{Limit}): {Error}")]
    public static partial void ExpandFailed(ILogger logger, int failures, int limit, string error);

    [LoggerMessage(3006, LogLevel.Warning, "Graph source: {Api} call failed ({Reason}), retry {Attempt} in {DelaySeconds:0.0} s")]
    public static partial void Retrying(ILogger logger, string api, GraphFailureReason reason, int attempt, double delaySeconds);

    [LoggerMessage(3007, LogLevel.Information, "Graph source: {Stream} read {Pages} pages, {Emitted} new versions, {Duplicates} duplicates dropped; watermark {Watermark}")]
    public static partial void StreamRead(ILogger logger, string stream, int pages, long emitted, long duplicates, string watermark);

    [LoggerMessage(3008, LogLevel.Warning, "Graph source: the {Mode} API is deprecated (retired after 2027-02-01, the SIEM API already); move to Graph when possible")]
    public static partial void LegacyDeprecated(ILogger logger, string mode);

    [LoggerMessage(3009, LogLevel.Warning, "Graph source: more {Stream} share the update time {Stamp} than $skip can reach; the rest of that instant was passed over")]
    public static partial void TieOverflow(ILogger logger, string stream, string stamp);

    [LoggerMessage(3010, LogLevel.Error, "Graph source: the {Stream} stream failed ({Reason}): {Error}; the other streams were still read")]
    public static partial void StreamFailed(ILogger logger, string stream, GraphFailureReason reason, string error);
}
