using DefenderConnector.Host.Outputs.Elasticsearch;
using DefenderConnector.Host.Outputs.Hec;
using DefenderConnector.Host.Outputs.Relp;
using DefenderConnector.Host.Outputs.Sentinel;
using DefenderConnector.Host.Outputs.Syslog;
using DefenderConnector.Host.Sinks;
using Microsoft.Extensions.Logging;

namespace DefenderConnector.Host.Outputs;

/// <summary>Creates the output a validated plan names.</summary>
internal static class OutputFactory
{
    public static IOutput Create(OutputPlan plan, ILoggerFactory loggerFactory, TimeProvider time) => plan.Kind switch
    {
        OutputKind.Syslog => new SyslogOutput(plan.Syslog!, new HostDeadLetterFile(plan.DeadLetterPath, time), time, loggerFactory.CreateLogger<SyslogOutput>()),
        OutputKind.Relp => new RelpOutput(plan.Relp!, new HostDeadLetterFile(plan.DeadLetterPath, time), time, loggerFactory.CreateLogger<RelpOutput>()),
        OutputKind.Hec => new HecOutput(plan.Hec!, new HostDeadLetterFile(plan.DeadLetterPath, time), time, loggerFactory.CreateLogger<HecOutput>()),
        OutputKind.Elasticsearch => new ElasticsearchOutput(plan.Elasticsearch!, new HostDeadLetterFile(plan.DeadLetterPath, time), time, loggerFactory.CreateLogger<ElasticsearchOutput>()),
        OutputKind.Sentinel => new SentinelOutput(plan.Sentinel!, new HostDeadLetterFile(plan.DeadLetterPath, time), time, loggerFactory.CreateLogger<SentinelOutput>()),
        _ => new FileOutput(new FileEventSink(plan.FilePath, plan.FileCacheBytes)),
    };
}
