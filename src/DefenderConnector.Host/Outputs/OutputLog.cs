using Microsoft.Extensions.Logging;

namespace DefenderConnector.Host.Outputs;

/// <summary>The outputs' log events. Messages carry destinations and diagnoses, never a secret.</summary>
internal static partial class OutputLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "{Output} output: attempt {Attempt} failed, retrying in {DelaySeconds:0.0} s: {Diagnosis}")]
    public static partial void Retrying(ILogger logger, string output, int attempt, double delaySeconds, string diagnosis);
}
