using DefenderConnector.Host.Outputs.Relp;
using DefenderConnector.Host.Outputs.Syslog;

namespace DefenderConnector.Host.Outputs;

/// <summary>The validated <c>output</c> section: which output, and its options.</summary>
internal sealed record OutputPlan(OutputKind Kind, string FilePath, string DeadLetterPath, SyslogOutputOptions? Syslog, RelpOutputOptions? Relp);
