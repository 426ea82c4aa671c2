using DefenderConnector.Abstractions;
using DefenderConnector.Checkpoints;
using DefenderConnector.Encoders;
using DefenderConnector.Mapping;

namespace DefenderConnector.Pulling;

/// <summary>
/// The shared decode → map → encode → deliver → commit path of one pull. Each partition (or API
/// stream) gets its own <see cref="EventBatcher"/>; they share the sink, the state store and the counters.
/// </summary>
internal sealed class EventPipeline
{
    public EventPipeline(string source, IEventSink sink, IStateStore state, OcsfMapper mapper, IEventEncoder encoder, PullStatistics statistics, TimeProvider time, IConnectorMetrics metrics)
    {
        Source = source;
        Sink = sink;
        State = state;
        Mapper = mapper;
        Encoder = encoder;
        Statistics = statistics;
        Time = time;
        Metrics = metrics;
    }

    public string Source { get; }

    public IEventSink Sink { get; }

    public IStateStore State { get; }

    public OcsfMapper Mapper { get; }

    public IEventEncoder Encoder { get; }

    public PullStatistics Statistics { get; }

    public TimeProvider Time { get; }

    public IConnectorMetrics Metrics { get; }

    public EventBatcher CreateBatcher(string stream, string fullyQualifiedNamespace = "", string hub = "") => new(this, stream, fullyQualifiedNamespace, hub);
}
