using System.Text;
using System.Text.Json;

namespace DefenderConnector.Benchmarks.EndToEnd;

/// <summary>Writes a backlog of Defender records (the bundled samples, repeated, with distinct report ids) as JSON lines.</summary>
internal static class BacklogFile
{
    public static (string Path, long Bytes) Write(string samplesFile, int records)
    {
        var samples = File.ReadAllLines(samplesFile).Where(l => l.Length > 0).ToArray();
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"dc-bench-backlog-{records}.jsonl");
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        long bytes = 0;
        for (var i = 0; i < records; i++)
        {
            var line = samples[i % samples.Length];
            if (i >= samples.Length)
            {
                // Keep records distinct so nothing downstream can collapse repeats.
                line = line.Replace("\"operationName\":\"Publish\"", $"\"operationName\":\"Publish\",\"_BenchSequence\":{i}", StringComparison.Ordinal);
            }

            writer.WriteLine(line);
            bytes += Encoding.UTF8.GetByteCount(line);
        }

        return (path, bytes);
    }

    public static string FindRepoFile(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "DefenderConnector.sln")))
            {
                return System.IO.Path.Combine([dir.FullName, .. parts]);
            }
        }

        throw new InvalidOperationException("Run the harness from the checkout (dotnet run --project tests/DefenderConnector.Benchmarks).");
    }

    internal static string Json(object value) => JsonSerializer.Serialize(value);
}
