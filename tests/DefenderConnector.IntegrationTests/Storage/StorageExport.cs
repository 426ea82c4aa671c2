using System.Globalization;
using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using DefenderConnector.Mapping;
using DefenderConnector.IntegrationTests.Support;

namespace DefenderConnector.IntegrationTests.Storage;

/// <summary>
/// Writes a Defender Streaming API export into Azurite the way Defender does: a container per table
/// (<c>insights-logs-advancedhunting-&lt;table&gt;</c>), hourly append blobs, one JSON record per line;
/// remembers the byte offset of every whole line it wrote, for the ids the connector must deliver.
/// </summary>
internal sealed class StorageExport(Azurite azurite)
{
    private readonly BlobServiceClient _client = new(azurite.ConnectionString, azurite.ClientOptions());
    private readonly Dictionary<(string Container, string Blob), long> _lengths = [];

    /// <summary>The <c>metadata.uid</c> of every whole line written.</summary>
    public HashSet<string> ExpectedUids { get; } = new(StringComparer.Ordinal);

    public static string Container(string table) => "insights-logs-advancedhunting-" + table.ToLowerInvariant();

    public static string BlobName(DateTimeOffset hour) =>
        string.Create(CultureInfo.InvariantCulture, $"tenants/00000000-0000-0000-0000-000000000000/y={hour:yyyy}/m={hour:MM}/d={hour:dd}/h={hour:HH}/m=00/PT1H.json");

    /// <summary>The sample records (one JSON object a line) by table.</summary>
    public static Dictionary<string, List<string>> SampleRecords()
    {
        var byTable = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(RepoPaths.Samples, "defender-records.jsonl")).Where(l => l.Length > 0))
        {
            using var document = System.Text.Json.JsonDocument.Parse(line);
            var table = document.RootElement.GetProperty("category").GetString()!["AdvancedHunting-".Length..];
            if (!byTable.TryGetValue(table, out var list))
            {
                byTable[table] = list = [];
            }

            list.Add(line);
        }

        return byTable;
    }

    /// <summary>Appends whole lines (each followed by a line break) to the hour's blob; their ids are expected.</summary>
    public Task AppendLinesAsync(string table, DateTimeOffset hour, IEnumerable<string> lines, bool expected = true)
    {
        var text = new StringBuilder();
        var offset = LengthOf(table, hour);
        foreach (var line in lines)
        {
            if (expected)
            {
                ExpectedUids.Add(EventUid.ForStorageRecord(Azurite.Account, Container(table), BlobName(hour), offset));
            }

            text.Append(line).Append('\n');
            offset += Encoding.UTF8.GetByteCount(line) + 1;
        }

        return AppendAsync(table, hour, Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>Appends raw bytes (a part of a line, for example).</summary>
    public async Task AppendAsync(string table, DateTimeOffset hour, byte[] bytes)
    {
        var container = _client.GetBlobContainerClient(Container(table));
        await container.CreateIfNotExistsAsync();
        var blob = container.GetAppendBlobClient(BlobName(hour));
        await blob.CreateIfNotExistsAsync();

        // An append block holds at most 4 MiB (100 MiB on newer service versions); stay well below.
        for (var start = 0; start < bytes.Length; start += 1024 * 1024)
        {
            using var block = new MemoryStream(bytes, start, Math.Min(1024 * 1024, bytes.Length - start));
            await blob.AppendBlockAsync(block);
        }

        _lengths[(Container(table), BlobName(hour))] = LengthOf(table, hour) + bytes.Length;
    }

    /// <summary>Marks the id of a line whose bytes were appended in parts (its offset in the blob).</summary>
    public void ExpectLineAt(string table, DateTimeOffset hour, long offset) =>
        ExpectedUids.Add(EventUid.ForStorageRecord(Azurite.Account, Container(table), BlobName(hour), offset));

    public long LengthOf(string table, DateTimeOffset hour) => _lengths.GetValueOrDefault((Container(table), BlobName(hour)));
}
