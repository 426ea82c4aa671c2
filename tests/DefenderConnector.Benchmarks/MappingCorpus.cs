using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DefenderConnector.Benchmarks;

/// <summary>
/// A realistic Event Hub message per family: the family's golden Streaming API records (linked from
/// the test project), compacted and repeated into one <c>{"records":[...]}</c> body, the way Defender
/// batches them. Deterministic, so the throughput column can recompute the sizes in the host process.
/// </summary>
internal static class MappingCorpus
{
    // Small enough that one operation fits in a scheduler time slice on a busy machine.
    public const int RecordsPerMessage = 100;

    public static (byte[] Body, int Records) Load(string family)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Golden", family);
        var records = Directory.EnumerateFiles(folder, "*.input.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => JsonNode.Parse(File.ReadAllBytes(path))!)
            .Where(node => node is JsonObject o && o.ContainsKey("category"))
            .Select(node => node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            .ToList();
        if (records.Count == 0)
        {
            throw new InvalidOperationException($"no golden records under {folder}");
        }

        var body = new StringBuilder("{\"records\":[");
        for (var i = 0; i < RecordsPerMessage; i++)
        {
            body.Append(i == 0 ? string.Empty : ",").Append(records[i % records.Count]);
        }

        body.Append("]}");
        return (Encoding.UTF8.GetBytes(body.ToString()), RecordsPerMessage);
    }
}
