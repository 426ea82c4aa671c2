using System.Text.Json;

namespace DefenderConnector.IntegrationTests.ScaleOut;

/// <summary>Follows the events files other processes are writing and collects the distinct <c>metadata.uid</c> of their complete lines.</summary>
internal sealed class OutputUids
{
    private readonly Dictionary<string, long> _read = new(StringComparer.Ordinal);

    public HashSet<string> Distinct { get; } = new(StringComparer.Ordinal);

    public void Update(IEnumerable<string> paths)
    {
        foreach (var path in paths.Where(File.Exists))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Position = _read.GetValueOrDefault(path);
            var bytes = new byte[stream.Length - stream.Position];
            stream.ReadExactly(bytes);
            var end = Array.LastIndexOf(bytes, (byte)'\n');
            if (end < 0)
            {
                continue;
            }

            var start = 0;
            while (start <= end)
            {
                var next = Array.IndexOf(bytes, (byte)'\n', start);
                using var document = JsonDocument.Parse(bytes.AsMemory(start, next - start));
                Distinct.Add(document.RootElement.GetProperty("metadata").GetProperty("uid").GetString()!);
                start = next + 1;
            }

            _read[path] = _read.GetValueOrDefault(path) + end + 1;
        }
    }
}
