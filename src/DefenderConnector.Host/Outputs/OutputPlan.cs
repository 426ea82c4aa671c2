using DefenderConnector.Host.Outputs.Elasticsearch;
using DefenderConnector.Host.Outputs.Hec;
using DefenderConnector.Host.Outputs.Relp;
using DefenderConnector.Host.Outputs.Sentinel;
using DefenderConnector.Host.Outputs.Syslog;
using DefenderConnector.Host.Sinks;

namespace DefenderConnector.Host.Outputs;

/// <summary>The validated <c>output</c> section: which output, and its options (the one for its kind is set).</summary>
internal sealed record OutputPlan(OutputKind Kind, string FilePath, string DeadLetterPath, SyslogOutputOptions? Syslog, RelpOutputOptions? Relp)
{
    /// <summary>File output: the newest bytes of the file left in the page cache after each flush (<c>output.pageCacheMb</c>).</summary>
    public long FileCacheBytes { get; init; } = FileEventSink.DefaultCacheWindowBytes;

    public HecOutputOptions? Hec { get; init; }

    public ElasticsearchOutputOptions? Elasticsearch { get; init; }

    public SentinelOutputOptions? Sentinel { get; init; }
}
