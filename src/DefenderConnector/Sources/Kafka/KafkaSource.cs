using Confluent.Kafka;
using DefenderConnector.Abstractions;
using DefenderConnector.Pulling;
using DefenderConnector.Sources.EventHub;
using Microsoft.Extensions.Logging;

namespace DefenderConnector.Sources.Kafka;

/// <summary>
/// An Event Hub read through its Kafka endpoint (<c>eventHub.transport: kafka</c>): the hub is the
/// topic, the consumer group is the Kafka group id, and Event Hubs keeps the group's committed offsets.
/// Each pull lists the topic's partitions and reads them one after another on one consumer, each as a
/// <see cref="KafkaPartitionStream"/> through the engine, up to the high watermark it had when read began.
/// </summary>
internal sealed class KafkaSource : IPullSource
{
    private readonly EventHubSourceOptions _options;
    private readonly ILogger _logger;

    public KafkaSource(EventHubSourceOptions options, ILoggerFactory loggerFactory)
    {
        _options = options;
        _logger = loggerFactory.CreateLogger("DefenderConnector.Kafka");
        Descriptor = new SourceDescriptor(EventHubConstants.SourceName, options.Describe(), options.PullInterval);
    }

    public SourceDescriptor Descriptor { get; }

    public long MaxEventsPerPull => _options.MaxEventsPerPull;

    public TimeSpan MaxPullDuration => _options.MaxPullDuration;

    public Task<ConnectivityReport> TestConnectivityAsync(CancellationToken cancellationToken)
    {
        using var consumer = CreateConsumer();
        var endpoint = $"{_options.FullyQualifiedNamespace}:{_options.Port}";
        try
        {
            var partitions = Partitions(consumer);
            var hop = new ConnectivityHop("kafka", HopVerdict.Passed, $"{endpoint}: topic {_options.HubName} has {partitions.Count} partitions");
            return Task.FromResult(new ConnectivityReport(Descriptor.Name, "connected", "The Kafka endpoint answered and lists the topic.", [hop], [new("partitions", partitions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))]));
        }
        catch (ConnectorException e)
        {
            var hop = new ConnectivityHop("kafka", HopVerdict.Failed, $"{endpoint}: {e.Message}");
            return Task.FromResult(new ConnectivityReport(Descriptor.Name, "failed", e.Message, [hop], []));
        }
    }

    public async Task<SourcePullOutcome> PullAsync(PullRun run, CancellationToken cancellationToken)
    {
        var facts = new KafkaPullFacts();
        run.ReportFacts(() => facts.ToFacts(_options.HubName));
        var filtered = new Filtering.FilteredRecords(_options.Tables);
        using var consumer = CreateConsumer();
        try
        {
            foreach (var partition in Partitions(consumer))
            {
                if (!run.Budget.Open)
                {
                    break;
                }

                var stream = new KafkaPartitionStream(consumer, partition, _options, facts);
                await using (stream.ConfigureAwait(false))
                {
                    await run.ReadAsync(stream, _options.StreamKey, cancellationToken, _options.FullyQualifiedNamespace, _options.HubName, filtered).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            consumer.Close();
        }

        var stop = facts.Stalled.IsEmpty ? PullStopReason.CaughtUp : PullStopReason.StoppedEarly;
        return new SourcePullOutcome(stop, [.. facts.ToFacts(_options.HubName), .. filtered.Facts()]);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private List<TopicPartition> Partitions(IConsumer<Ignore, byte[]> consumer)
    {
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var metadata = KafkaErrors.Run(() => admin.GetMetadata(_options.HubName, _options.OperationTimeout), "read the topic's metadata");
        var topic = metadata.Topics.FirstOrDefault(t => t.Topic == _options.HubName);
        if (topic is null || topic.Error.IsError)
        {
            throw KafkaErrors.Classify(topic?.Error ?? new Error(ErrorCode.UnknownTopicOrPart), $"find topic (event hub) {_options.HubName}");
        }

        return topic.Partitions.OrderBy(p => p.PartitionId).Select(p => new TopicPartition(_options.HubName, new Partition(p.PartitionId))).ToList();
    }

    private IConsumer<Ignore, byte[]> CreateConsumer() =>
        new ConsumerBuilder<Ignore, byte[]>(KafkaConfigBuilder.Build(_options))
            .SetLogHandler((_, message) => KafkaLog.Client(_logger, message.Facility, message.Message))
            .SetErrorHandler((_, error) => KafkaLog.ClientError(_logger, error.Code.ToString(), error.Reason))
            .Build();
}
