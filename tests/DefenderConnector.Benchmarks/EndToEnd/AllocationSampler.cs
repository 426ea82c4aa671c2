using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace DefenderConnector.Benchmarks.EndToEnd;

/// <summary>
/// The runtime's allocation samples (one event per about 100 kB allocated, naming the type that
/// crossed the mark) counted by type while a pull runs: where the managed allocation per event goes.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const long AllocationTick = 0x1;
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private volatile bool _enabled;

    public void Start() => _enabled = true;

    public IReadOnlyList<KeyValuePair<string, long>> Stop()
    {
        _enabled = false;
        return [.. _bytes.OrderByDescending(p => p.Value)];
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)AllocationTick);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_enabled || e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null)
        {
            return;
        }

        var type = e.PayloadNames!.IndexOf("TypeName") is var t and >= 0 ? e.Payload[t] as string ?? "?" : "?";
        var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload[a], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        _bytes.AddOrUpdate(type, amount, (_, v) => v + amount);
    }
}
