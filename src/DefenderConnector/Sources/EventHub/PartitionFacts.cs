using System.Collections.Concurrent;

namespace DefenderConnector.Sources.EventHub;

/// <summary>What one pull learnt per partition, for the summary's facts: the tail at the start, how far it delivered, checkpoint notes, early stops.</summary>
internal sealed class PartitionFacts
{
    public ConcurrentDictionary<string, long> Tails { get; } = new();

    public ConcurrentDictionary<string, long> Delivered { get; } = new();

    public ConcurrentDictionary<string, string> Notes { get; } = new();

    /// <summary>Partitions that went quiet before their tail: the last sequence number delivered when the reader gave up.</summary>
    public ConcurrentDictionary<string, long> Stalled { get; } = new();
}
