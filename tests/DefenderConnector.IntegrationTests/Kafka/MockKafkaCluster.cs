using System.Collections.Concurrent;
using System.Net;
using Confluent.Kafka;

namespace DefenderConnector.IntegrationTests.Kafka;

/// <summary>
/// librdkafka's in-process mock cluster (<c>test.mock.num.brokers</c>), hosted by a producer handle: one
/// broker on a loopback port, topics auto-created with 4 partitions, consumer-group offsets kept. It has
/// no SASL or TLS, so the connector reads it with the loopback-only <c>kafka-plaintext</c> transport.
/// </summary>
internal sealed class MockKafkaCluster : IDisposable
{
    private readonly IProducer<Null, byte[]> _producer;

    private MockKafkaCluster(IProducer<Null, byte[]> producer, string host, int port, IReadOnlyCollection<string> log)
    {
        _producer = producer;
        Host = host;
        Port = port;
        Log = log;
    }

    public string Host { get; }

    public int Port { get; }

    public string BootstrapServers => $"{Host}:{Port}";

    /// <summary>librdkafka's log lines of the hosting producer (the MOCK line names the address it listens on).</summary>
    public IReadOnlyCollection<string> Log { get; }

    public static MockKafkaCluster Start()
    {
        var log = new ConcurrentQueue<string>();
        var config = new ProducerConfig { Acks = Acks.All, MessageTimeoutMs = 60_000 };
        config.Set("test.mock.num.brokers", "1");
        var producer = new ProducerBuilder<Null, byte[]>(config)
            .SetLogHandler((_, m) => log.Enqueue($"{m.Facility}: {m.Message}"))
            .Build();
        using var admin = new DependentAdminClientBuilder(producer.Handle).Build();
        var broker = admin.GetMetadata(TimeSpan.FromSeconds(60)).Brokers.Single();

        // The mock broker must listen on loopback and nowhere else: tests talk only to loopback.
        if (!IPAddress.TryParse(broker.Host, out var address) || !address.Equals(IPAddress.Loopback))
        {
            producer.Dispose();
            throw new InvalidOperationException($"The mock Kafka broker listens on {broker.Host}:{broker.Port}, not on 127.0.0.1.");
        }

        return new MockKafkaCluster(producer, broker.Host, broker.Port, log);
    }

    public async Task ProduceAsync(string topic, int partition, byte[] value, CancellationToken cancellationToken)
    {
        var result = await _producer.ProduceAsync(new TopicPartition(topic, new Partition(partition)), new Message<Null, byte[]> { Value = value }, cancellationToken);
        if (result.Status != PersistenceStatus.Persisted)
        {
            throw new InvalidOperationException($"The mock cluster did not persist a record to {topic}/{partition}.");
        }
    }

    /// <summary>The group's committed offsets, as another client of the group sees them (-1001: none).</summary>
    public Dictionary<int, long> CommittedOffsets(string group, string topic, int partitions)
    {
        var config = new ConsumerConfig { BootstrapServers = BootstrapServers, GroupId = group, EnableAutoCommit = false, SecurityProtocol = SecurityProtocol.Plaintext };
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(config).SetLogHandler((_, _) => { }).Build();
        var offsets = consumer.Committed(Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, new Partition(p))), TimeSpan.FromSeconds(60));
        consumer.Close();
        return offsets.ToDictionary(o => o.Partition.Value, o => o.Offset.Value);
    }

    public void Dispose() => _producer.Dispose();
}
