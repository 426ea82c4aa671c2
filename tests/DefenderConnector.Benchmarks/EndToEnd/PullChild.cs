using System.Diagnostics;
using System.Globalization;
using DefenderConnector.Abstractions;
using DefenderConnector.Host.Outputs;
using DefenderConnector.Host.Plugins;
using Microsoft.Extensions.Logging.Abstractions;

namespace DefenderConnector.Benchmarks.EndToEnd;

/// <summary>
/// One measured pull in its own process (<c>e2e-pull</c>), so the peak working set and CPU time it
/// reports are the connector's alone: the plugin loaded through its manifest, its output, and the
/// .NET runtime under them, without the harness's backlog file or earlier runs. Prints one
/// <c>RESULT</c> line the harness parses.
/// </summary>
internal static class PullChild
{
    public const string Mode = "e2e-pull";

    public static async Task<int> RunAsync(string[] args)
    {
        var folder = args[0];
        var pluginDirectory = args[1];
        var expected = long.Parse(args[2], CultureInfo.InvariantCulture);
        var key = Environment.GetEnvironmentVariable("DC_BENCH_KEY");
        var settings = new ConnectorSettings(File.ReadAllText(Path.Combine(folder, "settings.json")), folder, name => name == "DC_BENCH_KEY" ? key : null);
        var loaded = PluginLoader.Load(pluginDirectory);
        var (plan, problems) = OutputSettingsReader.Read(settings, null);
        if (plan is null)
        {
            Console.Error.WriteLine(string.Join("; ", problems));
            return 1;
        }

        await using var sink = OutputFactory.Create(plan, NullLoggerFactory.Instance, TimeProvider.System);
        await using var connector = loaded.Plugin.Create(settings, new ConnectorContext(sink, NullLoggerFactory.Instance, TimeProvider.System));
        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var summary = await connector.PullAsync("eventhub", CancellationToken.None);
        clock.Stop();
        self.Refresh();
        var cpu = (self.TotalProcessorTime - cpuBefore).TotalSeconds;
        if (summary.StopReason != "CaughtUp" || summary.EventsDelivered != expected)
        {
            Console.Error.WriteLine($"{summary.StopReason}, {summary.EventsDelivered} events (expected {expected}). {summary.Error}");
            return 1;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT {clock.Elapsed.TotalSeconds:R} {summary.EventsDelivered} {summary.BytesDelivered} {cpu:R} {self.PeakWorkingSet64}"));
        return 0;
    }
}
