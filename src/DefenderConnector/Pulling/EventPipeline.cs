using DefenderConnector.Abstractions;
using DefenderConnector.Checkpoints;
using DefenderConnector.Encoders;
using DefenderConnector.Mapping;

namespace DefenderConnector.Pulling;

/// <summary>
/// What the streams of one pull share on the engine's decode → map → encode → deliver → commit path:
/// the sink, the state store, the mapper and encoder, the counters. Each stream gets its own
/// <see cref="EventBatcher"/> (and with it its own <see cref="RecordEncoder"/>).
/// </summary>
internal sealed class EventPipeline
{
    public EventPipeline(string source, IEventSink sink, IStateStore state, OcsfMapper mapper, IEventEncoder encoder, PullStatistics statistics, TimeProvider time, IConnectorMetrics metrics, int maxBatchEvents = Configuration.ConnectorOptions.DefaultMaxBatchEvents)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchEvents, 1);
        Source = source;
        Sink = sink;
        State = state;
        Mapper = mapper;
        Encoder = encoder;
        Statistics = statistics;
        Time = time;
        Metrics = metrics;
        MaxBatchEvents = maxBatchEvents;
    }

    public string Source { get; }

    public IEventSink Sink { get; }

    public IStateStore State { get; }

    public OcsfMapper Mapper { get; }

    public IEventEncoder Encoder { get; }

    public PullStatistics Statistics { get; }

    public TimeProvider Time { get; }

    public IConnectorMetrics Metrics { get; }

    /// <summary>The most events one sink batch holds (<c>output.maxBatchEvents</c>); a batch this full is flushed.</summary>
    public int MaxBatchEvents { get; }

    /// <summary>
    /// Where the record at an index of a Streaming API message comes from, when the stream is not an Event Hub
    /// partition (a replayed file: ids from the input name, line and record index, no receive time); null: the
    /// Event Hub record's id (<see cref="EventUid.ForEventHubRecord"/>) and enqueued time.
    /// </summary>
    public Func<SourceMessage, int, RecordOrigin>? MessageRecordOrigin { get; init; }

    /// <summary>The configured tenant whose label and id every event of this pull carries (<c>tenants[]</c>); null without tenants.</summary>
    public TenantStamp? Tenant { get; init; }

    /// <param name="name">What metrics call the stream (a partition id, <c>incidents</c>): the <c>partition</c> tag.</param>
    /// <param name="filter">The source's table filter, applied before mapping; null when every table passes.</param>
    public EventBatcher CreateBatcher(string stream, string fullyQualifiedNamespace = "", string hub = "", string name = "", Sources.Filtering.FilteredRecords? filter = null) => new(this, stream, fullyQualifiedNamespace, hub, name, filter);
}
