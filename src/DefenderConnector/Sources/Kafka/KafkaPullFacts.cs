using System.Collections.Concurrent;
using System.Globalization;

namespace DefenderConnector.Sources.Kafka;

/// <summary>What one Kafka pull saw per partition, for the summary (never secrets).</summary>
internal sealed class KafkaPullFacts
{
    public ConcurrentDictionary<string, (long Next, long End)> Partitions { get; } = new();

    public ConcurrentDictionary<string, long> Stalled { get; } = new();

    public int Retries { get; set; }

    public void Record(string partition, long next, long end) => Partitions[partition] = (next, end);

    public List<KeyValuePair<string, string>> ToFacts(string topic)
    {
        var facts = new List<KeyValuePair<string, string>> { new("transport", "kafka"), new("topic", topic), new("partitions", Partitions.Count.ToString(CultureInfo.InvariantCulture)) };
        foreach (var (partition, (next, end)) in Partitions.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            facts.Add(new($"partition {partition}", $"committed offset {next.ToString(CultureInfo.InvariantCulture)}, high watermark at pull start {end.ToString(CultureInfo.InvariantCulture)}"));
        }

        foreach (var (partition, at) in Stalled)
        {
            facts.Add(new($"partition {partition} stopped early", $"no record arrived in three waits at offset {at.ToString(CultureInfo.InvariantCulture)}; the next pull continues from there"));
        }

        return facts;
    }
}
