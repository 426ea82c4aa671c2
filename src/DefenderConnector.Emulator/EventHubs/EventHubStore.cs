using System.Text;
using Amqp.Framing;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>The hub: its partitions, consumer groups and how published events are routed to a partition.</summary>
internal sealed class EventHubStore
{
    readonly PartitionLog[] partitions;
    readonly HashSet<string> consumerGroups;
    readonly TimeProvider time;
    int roundRobin = -1;

    public EventHubStore(string hubName, int partitionCount, IEnumerable<string> consumerGroups, TimeProvider time)
    {
        this.HubName = hubName;
        this.time = time;
        this.partitions = Enumerable.Range(0, partitionCount)
            .Select(i => new PartitionLog(i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        this.PartitionIds = this.partitions.Select(p => p.PartitionId).ToArray();
        this.consumerGroups = new HashSet<string>(consumerGroups, StringComparer.OrdinalIgnoreCase)
        {
            EventHubConstants.DefaultConsumerGroup,
        };
        this.CreatedAt = time.GetUtcNow();
    }

    public string HubName { get; }

    public string[] PartitionIds { get; }

    public DateTimeOffset CreatedAt { get; }

    public bool IsHub(string name) => string.Equals(name, this.HubName, StringComparison.OrdinalIgnoreCase);

    public bool HasConsumerGroup(string name) => this.consumerGroups.Contains(name);

    public PartitionLog? FindPartition(string partitionId)
    {
        foreach (var partition in this.partitions)
        {
            if (partition.PartitionId == partitionId) { return partition; }
        }

        return null;
    }

    public PartitionLog GetPartition(string partitionId) =>
        this.FindPartition(partitionId) ?? throw new ArgumentOutOfRangeException(nameof(partitionId), partitionId,
            "The partition does not exist on this event hub.");

    /// <summary>The partition for a key (a stable hash, so one key always lands together) or the next one round robin.</summary>
    public PartitionLog Route(string? partitionKey)
    {
        if (partitionKey is null)
        {
            int next = Interlocked.Increment(ref this.roundRobin);
            return this.partitions[(int)((uint)next % (uint)this.partitions.Length)];
        }

        uint hash = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(partitionKey))
        {
            hash = (hash ^ b) * 16777619;
        }

        return this.partitions[hash % (uint)this.partitions.Length];
    }

    public long Append(PartitionLog partition, byte[] body, string? partitionKey, DateTimeOffset? enqueuedTime = null,
        ApplicationProperties? applicationProperties = null, Properties? properties = null) =>
        partition.Append(body, partitionKey, enqueuedTime ?? this.time.GetUtcNow(), applicationProperties, properties);
}
