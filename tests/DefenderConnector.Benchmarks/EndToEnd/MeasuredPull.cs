using System.Diagnostics;
using DefenderConnector.Abstractions;
using DefenderConnector.Host.Outputs;
using DefenderConnector.Host.Plugins;
using Microsoft.Extensions.Logging.Abstractions;

namespace DefenderConnector.Benchmarks.EndToEnd;

/// <summary>
/// One measured pull of the <c>eventhub</c> source, as the host runs it: the output built from the
/// settings, the loaded plugin's connector, and this process's CPU time and the wall time around
/// <c>PullAsync</c> alone. Shared by the per-process pull (<see cref="PullChild"/>) and the warm side
/// of <see cref="PeerHarness"/>, so both measure the same thing.
/// </summary>
internal static class MeasuredPull
{
    /// <param name="expected">Events the pull must deliver; negative: any number (one of several instances sharing a hub).</param>
    /// <exception cref="InvalidOperationException">The output settings are refused, or the pull did not deliver exactly <paramref name="expected"/> events and catch up.</exception>
    public static async Task<Result> RunAsync(LoadedPlugin loaded, ConnectorSettings settings, long expected)
    {
        var (plan, problems) = OutputSettingsReader.Read(settings, null);
        if (plan is null)
        {
            throw new InvalidOperationException(string.Join("; ", problems));
        }

        await using var sink = OutputFactory.Create(plan, NullLoggerFactory.Instance, TimeProvider.System);

        // With a telemetry section (e2e --metrics), the host's metrics and their export run as in production.
        var telemetry = DefenderConnector.Host.Telemetry.TelemetrySettingsReader.Read(settings).Options;
        using var metrics = telemetry?.Prometheus is null && telemetry?.OtlpEndpoint is null ? null : new DefenderConnector.Host.Telemetry.HostMetrics();
        using var export = metrics is null ? null : DefenderConnector.Host.Telemetry.TelemetryExport.Start(telemetry!);
        IEventSink metered = metrics is null ? sink : new DefenderConnector.Host.Telemetry.MeteredSink(sink, sink.Kind, metrics);
        await using var connector = loaded.Plugin.Create(settings, new ConnectorContext(metered, NullLoggerFactory.Instance, TimeProvider.System, metrics));
        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        int[] collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var pausedBefore = GC.GetTotalPauseDuration();
        using var sampler = Environment.GetEnvironmentVariable("DC_BENCH_ALLOCATIONS") == "1" ? new AllocationSampler() : null;
        sampler?.Start();
        var clock = Stopwatch.StartNew();
        var summary = await connector.PullAsync("eventhub", CancellationToken.None);
        clock.Stop();
        if (sampler is not null)
        {
            foreach (var (type, bytes) in sampler.Stop().Take(25))
            {
                Console.WriteLine($"allocated {bytes / (double)Math.Max(1, summary.EventsDelivered),8:F0} B/event  {type}");
            }
        }
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        int[] collections = [GC.CollectionCount(0) - collectionsBefore[0], GC.CollectionCount(1) - collectionsBefore[1], GC.CollectionCount(2) - collectionsBefore[2]];
        var paused = GC.GetTotalPauseDuration() - pausedBefore;
        self.Refresh();
        if (summary.StopReason != "CaughtUp" || (expected >= 0 && summary.EventsDelivered != expected))
        {
            throw new InvalidOperationException($"{summary.StopReason}, {summary.EventsDelivered} events (expected {expected}). {summary.Error}");
        }

        return new Result(clock.Elapsed.TotalSeconds, (self.TotalProcessorTime - cpuBefore).TotalSeconds, summary.EventsDelivered, summary.BytesDelivered, self.PeakWorkingSet64, summary.Facts, allocated, collections, paused);
    }

    public readonly record struct Result(double Seconds, double CpuSeconds, long EventsDelivered, long BytesDelivered, long PeakWorkingSet, IReadOnlyList<KeyValuePair<string, string>> Facts,
        long AllocatedBytes, int[] Collections, TimeSpan GcPause)
    {
        /// <summary>
        /// Managed allocation per event and the collections by generation (gen0/gen1/gen2, each count including the
        /// older ones) during the pull: load-independent, unlike CPU. The pause is the time the collector stopped the
        /// process (background gen2 work runs beside it and is not in it).
        /// </summary>
        public string Memory => EventsDelivered == 0 ? string.Empty
            : $"{AllocatedBytes / (double)EventsDelivered:0} B allocated per event, GCs {Collections[0]}/{Collections[1]}/{Collections[2]}, GC pause {GcPause.TotalSeconds:0.00} s";
    }
}
