using System.Diagnostics;
using DefenderConnector.Abstractions;

namespace DefenderConnector.Host.Telemetry;

/// <summary>The output as the plugin sees it, timed: confirmation latency, confirmed batches and failures per output type.</summary>
internal sealed class MeteredSink(IEventSink inner, string kind, IConnectorMetrics metrics) : IEventSink
{
    private readonly KeyValuePair<string, string>[] _tags = [new("output", kind)];

    public async ValueTask WriteAsync(EventBatch batch, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await inner.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            metrics.Add("output.failures", 1, _tags);
            throw;
        }

        metrics.Record("output.write_duration", Stopwatch.GetElapsedTime(started).TotalSeconds, _tags);
        metrics.Add("output.batches", 1, _tags);
    }
}
