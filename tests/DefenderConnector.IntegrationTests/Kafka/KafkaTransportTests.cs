using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DefenderConnector.Abstractions;
using DefenderConnector.IntegrationTests.EventHub;
using Xunit.Abstractions;

namespace DefenderConnector.IntegrationTests.Kafka;

/// <summary>
/// eventHub.transport kafka through Confluent.Kafka against librdkafka's mock cluster on loopback (plaintext:
/// the mock has no SASL): every record delivered once, malformed values dead-lettered, and the consumer
/// group's offsets committed only after the sink confirmed the batch.
/// </summary>
public sealed class KafkaTransportTests(ITestOutputHelper output) : IDisposable
{
    private const string Topic = "defender";
    private const string Group = "siem";
    private const int Partitions = 4;
    private readonly string _key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly string _folder = Directory.CreateTempSubdirectory("dc-kafka-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task RecordsAreDeliveredOnceAndTheGroupCommitsOnlyAfterTheSink()
    {
        using var cluster = MockKafkaCluster.Start();
        Assert.Equal("127.0.0.1", cluster.Host);
        output.WriteLine($"mock broker at {cluster.BootstrapServers}");
        var token = TestTimeouts.Token();

        // 12 messages of 3 records over the 4 partitions, and one value that is not a Streaming API message.
        for (var i = 0; i < 12; i++)
        {
            await cluster.ProduceAsync(Topic, i % Partitions, DefenderRecords.Envelope(i * 3, 3), token);
        }

        await cluster.ProduceAsync(Topic, 2, Encoding.UTF8.GetBytes("this is not JSON"), token);

        var sink = new CollectingSink { FailWrites = true };
        await using (var refused = Create(sink, cluster))
        {
            var failed = await refused.PullAsync("eventhub", token);
            Assert.NotNull(failed.Error);
            Assert.Equal(0, sink.Count);
        }

        // The sink refused every batch: the group has committed nothing, so the next pull reads it all again.
        Assert.All(cluster.CommittedOffsets(Group, Topic, Partitions).Values, offset => Assert.True(offset < 0, $"offset {offset} was committed"));

        sink.FailWrites = false;
        await using var connector = Create(sink, cluster);
        var report = await connector.TestConnectivityAsync("eventhub", token);
        Assert.True(report.Succeeded, report.Diagnosis);
        Assert.Contains(report.Facts, f => f.Key == "partitions" && f.Value == "4");
        var first = await connector.PullAsync("eventhub", token);
        Assert.Null(first.Error);
        Assert.Equal(36, first.EventsDelivered);
        Assert.Equal(1, first.DeadLettered);
        Assert.Equal(new Dictionary<int, long> { [0] = 3, [1] = 3, [2] = 4, [3] = 3 }, cluster.CommittedOffsets(Group, Topic, Partitions));

        var idle = await connector.PullAsync("eventhub", token);
        Assert.Equal(0, idle.EventsDelivered);
        Assert.Equal(0, idle.DeadLettered);

        await cluster.ProduceAsync(Topic, 1, DefenderRecords.Envelope(1000, 2), token);
        var later = await connector.PullAsync("eventhub", token);
        Assert.Equal(2, later.EventsDelivered);
        Assert.Equal(4, cluster.CommittedOffsets(Group, Topic, Partitions)[1]);

        var uids = sink.Events.Select(e => JsonDocument.Parse(e).RootElement.GetProperty("metadata").GetProperty("uid").GetString()).ToList();
        Assert.Equal(38, uids.Count);
        Assert.Equal(uids.Count, uids.Distinct().Count());
        var reportIds = sink.Events.Select(e => JsonDocument.Parse(e).RootElement.GetRawText()).Count(t => t.Contains("cmd.exe /c echo 1001", StringComparison.Ordinal));
        Assert.Equal(1, reportIds);
    }

    [Fact]
    public async Task ASinkFailureMidPullKeepsWhatWasConfirmedAndRedeliversTheRest()
    {
        using var cluster = MockKafkaCluster.Start();
        var token = TestTimeouts.Token();
        for (var i = 0; i < 8; i++)
        {
            await cluster.ProduceAsync(Topic, 0, DefenderRecords.Envelope(i * 5, 5), token);
        }

        // The first batch (output.maxBatchEvents 5: one message) is stored, then the SIEM goes down.
        var sink = new CollectingSink();
        sink.OnStored = _ =>
        {
            sink.FailWrites = true;
            return Task.CompletedTask;
        };
        await using var connector = Create(sink, cluster);
        var cut = await connector.PullAsync("eventhub", token);
        Assert.NotNull(cut.Error);
        Assert.Equal(5, sink.Count);
        Assert.Equal(1, cluster.CommittedOffsets(Group, Topic, Partitions)[0]);

        sink.OnStored = null;
        sink.FailWrites = false;
        var rest = await connector.PullAsync("eventhub", token);
        Assert.Null(rest.Error);
        Assert.Equal(35, rest.EventsDelivered);
        Assert.Equal(8, cluster.CommittedOffsets(Group, Topic, Partitions)[0]);
        var uids = sink.Events.Select(e => JsonDocument.Parse(e).RootElement.GetProperty("metadata").GetProperty("uid").GetString()).ToList();
        Assert.Equal(40, uids.Distinct().Count());
    }

    [Fact]
    public async Task SaslSslToAnUnreachableBrokerFailsInOneLineWithoutTheKeyInAnyLog()
    {
        // A loopback port with nothing listening: librdkafka tries SASL_SSL there and is refused.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var logs = new CollectingLoggerFactory();
        var sink = new CollectingSink();
        await using var connector = Create(sink, null, logs, eventHub =>
        {
            eventHub["namespace"] = "127.0.0.1";
            eventHub["port"] = port;
            eventHub["transport"] = "kafka";
            eventHub["operationTimeout"] = "5s";
        });
        var summary = await connector.PullAsync("eventhub", TestTimeouts.Token());
        Assert.NotNull(summary.Error);
        Assert.Matches("^(ConnectionLost|Timeout): Kafka: could not read the topic's metadata", summary.Error);
        Assert.DoesNotContain('\n', summary.Error);
        Assert.DoesNotContain(_key, summary.Error, StringComparison.Ordinal);
        Assert.NotEmpty(logs.Lines);
        Assert.All(logs.Lines, line => Assert.DoesNotContain(_key, line, StringComparison.Ordinal));
        output.WriteLine($"{summary.Error} ({logs.Lines.Count()} log lines, none with the key)");
    }

    private IConnector Create(CollectingSink sink, MockKafkaCluster? cluster, CollectingLoggerFactory? logs = null, Action<JsonObject>? configure = null)
    {
        var eventHub = new JsonObject
        {
            ["namespace"] = cluster?.Host ?? "127.0.0.1",
            ["port"] = cluster?.Port ?? 9093,
            ["transport"] = "kafka-plaintext",
            ["hubName"] = Topic,
            ["consumerGroup"] = Group,
            ["sasPolicyName"] = "Listen",
            ["sasKey"] = "env:DC_KAFKA_KEY",
            ["initialPosition"] = "earliest",
            ["operationTimeout"] = "30s",
        };
        configure?.Invoke(eventHub);
        var root = new JsonObject { ["eventHub"] = eventHub, ["state"] = new JsonObject { ["path"] = "state/connector.db" }, ["output"] = new JsonObject { ["maxBatchEvents"] = 5 } };
        var settings = new ConnectorSettings(root.ToJsonString(), _folder, name => name == "DC_KAFKA_KEY" ? _key : null);
        return new DefenderConnectorPlugin().Create(settings, new ConnectorContext(sink, (Microsoft.Extensions.Logging.ILoggerFactory?)logs ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, TimeProvider.System));
    }
}
