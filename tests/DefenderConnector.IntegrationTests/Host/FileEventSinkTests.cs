using System.Diagnostics;
using System.Text;
using DefenderConnector.Abstractions;
using DefenderConnector.Host.Sinks;

namespace DefenderConnector.IntegrationTests.Host;

/// <summary>
/// The file output's page-cache footprint on a disk file system: after each flush only the newest
/// bytes stay cached (read back with util-linux's <c>fincore</c>), and every line is still in the file.
/// </summary>
public sealed class FileEventSinkTests : IDisposable
{
    private const int Batches = 40;
    private const int EventsPerBatch = 256;
    private const int EventBytes = 1023; // 1 KiB a line with its newline: 10 MiB in all

    // Beside the test assembly, on the checkout's disk: a tmpfs keeps its files in the cache whatever they are advised.
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "file-sink-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task OnlyTheNewestBytesStayInThePageCacheAndEveryLineIsInTheFile()
    {
        const long window = 2 << 20;
        var path = Path.Combine(_folder, "events.jsonl");

        var expected = await WriteAsync(path, window);

        var cached = await CachedBytesAsync(path);
        Assert.True(cached <= window + (1 << 20), $"{cached} bytes of the 10 MiB file are cached; the window is {window}.");
        Assert.True(cached >= EventsPerBatch * (EventBytes + 1), $"Only {cached} bytes are cached: the newest batch should still be, for a tailing reader.");
        Assert.Equal(expected, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task AWindowLargerThanTheFileLeavesTheCacheAsTheSystemKeepsIt()
    {
        var path = Path.Combine(_folder, "events.jsonl");

        var expected = await WriteAsync(path, long.MaxValue);

        Assert.True(await CachedBytesAsync(path) >= expected.Length - (1 << 20), "The file written a moment ago should still be in the page cache.");
        Assert.Equal(expected, await File.ReadAllBytesAsync(path));
    }

    private static async Task<byte[]> WriteAsync(string path, long window)
    {
        var all = new MemoryStream();
        await using (var sink = new FileEventSink(path, window))
        {
            for (var b = 0; b < Batches; b++)
            {
                var events = new List<ReadOnlyMemory<byte>>(EventsPerBatch);
                for (var e = 0; e < EventsPerBatch; e++)
                {
                    var line = Encoding.ASCII.GetBytes($"{{\"batch\":{b},\"event\":{e},\"pad\":\"".PadRight(EventBytes - 2, 'x') + "\"}");
                    events.Add(line);
                    all.Write(line);
                    all.WriteByte((byte)'\n');
                }

                await sink.WriteAsync(new EventBatch("test", "ocsf", events), CancellationToken.None);
            }
        }

        return all.ToArray();
    }

    private static async Task<long> CachedBytesAsync(string path)
    {
        var start = new ProcessStartInfo("fincore") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--bytes", "--noheadings", "--raw", "--output", "RES", path })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
        return long.Parse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
