using System.Globalization;

namespace DefenderConnector.Benchmarks.EndToEnd;

/// <summary>The side-by-side table of <see cref="PeerHarness"/>: medians per side and mode, with ratios to the Python SDK.</summary>
internal static class PeerTable
{
    public static void Write(TextWriter output, IReadOnlyList<PeerHarness.Sample> samples, long records, long inputBytes)
    {
        output.WriteLine();
        output.WriteLine("mode  side           CPU s/100k  ×Python  records/s    MB/s in  peak RSS MB  runs");
        foreach (var mode in new[] { "cold", "warm" })
        {
            var python = Median(samples.Where(s => s.Mode == mode && s.Side == "python").Select(s => s.CpuSeconds));
            // Our sides (one per format) in the order measured, then the peers.
            var ours = samples.Select(s => s.Side).Where(s => s.StartsWith("ours", StringComparison.Ordinal)).Distinct();
            foreach (var side in ours.Concat(["javascript", "python"]))
            {
                var rows = samples.Where(s => s.Mode == mode && s.Side == side).ToArray();
                if (rows.Length == 0)
                {
                    continue;
                }

                var cpu = Median(rows.Select(s => s.CpuSeconds));
                var wall = Median(rows.Select(s => s.WallSeconds));
                var ratio = python > 0 ? (cpu / python).ToString("0.00", CultureInfo.InvariantCulture) : "-";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{mode,-5} {side,-13} {cpu / records * 100_000,10:0.00}  {ratio,7}  {records / wall,9:N0}  {inputBytes / wall / 1e6,9:0.0}  {rows.Max(s => s.PeakRssBytes) / 1e6,11:0}  {rows.Length,4}"));
            }
        }

        output.WriteLine("CPU is user+sys, median of the runs: cold = the whole process (start-up included; ours is a fresh `defender-connector pull`),");
        output.WriteLine("warm = reading alone (ours: PullAsync in this warm process; peers: client creation to the last event, as they report it).");
        output.WriteLine("MB/s counts the Defender record JSON read; peak RSS is the largest of the runs (ours warm: this whole harness process).");
    }

    /// <summary>
    /// Each format's CPU against the first format's, run by run (the two measured back to back in one
    /// round of sides, so a slow spell of a shared machine weighs on both), and the median of those ratios.
    /// </summary>
    public static void WriteFormatRatios(TextWriter output, IReadOnlyList<PeerHarness.Sample> samples, int runs, string[] sides)
    {
        output.WriteLine();
        output.WriteLine($"CPU against {sides[0]}, per run, then the median:");
        foreach (var mode in new[] { "cold", "warm" })
        {
            foreach (var side in sides.Skip(1))
            {
                var ratios = new List<double>();
                for (var run = 0; run < runs; run++)
                {
                    var baseline = samples.FirstOrDefault(s => s.Run == run && s.Mode == mode && s.Side == sides[0]);
                    var measured = samples.FirstOrDefault(s => s.Run == run && s.Mode == mode && s.Side == side);
                    if (baseline is { CpuSeconds: > 0 } && measured is not null)
                    {
                        ratios.Add(measured.CpuSeconds / baseline.CpuSeconds);
                    }
                }

                if (ratios.Count > 0)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{mode,-5} {side,-13} {string.Join(" ", ratios.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture)))}  median {Median(ratios):0.00}"));
                }
            }
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }
}
