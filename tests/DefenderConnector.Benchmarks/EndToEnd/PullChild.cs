using System.Globalization;
using DefenderConnector.Abstractions;
using DefenderConnector.Host.Plugins;

namespace DefenderConnector.Benchmarks.EndToEnd;

/// <summary>
/// One measured pull in its own process (<c>e2e-pull</c>), so the peak working set and CPU time it
/// reports are the connector's alone: the plugin loaded through its manifest, its output, and the
/// .NET runtime under them, without the harness's backlog file or earlier runs. Prints one
/// <c>RESULT</c> line the harness parses, then the summary's facts as <c>FACT name: value</c> lines
/// (the scale-out runs read <c>storage requests</c> from them). An expected count of -1 accepts any
/// number of events (one of several instances sharing a hub).
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
        var settings = new ConnectorSettings(File.ReadAllText(Path.Combine(folder, "settings.json")), folder, name => name == "DC_BENCH_KEY" ? key : name == "DC_BENCH_STORAGE" ? Environment.GetEnvironmentVariable(name) : null);
        var loaded = PluginLoader.Load(pluginDirectory);
        MeasuredPull.Result pull;
        try
        {
            pull = await MeasuredPull.RunAsync(loaded, settings, expected);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT {pull.Seconds:R} {pull.EventsDelivered} {pull.BytesDelivered} {pull.CpuSeconds:R} {pull.PeakWorkingSet}"));
        foreach (var (name, value) in pull.Facts)
        {
            Console.WriteLine($"FACT {name}: {value}");
        }

        return 0;
    }
}
