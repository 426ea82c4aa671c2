using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using DefenderConnector.Mapping;

namespace DefenderConnector.Tests.Mapping;

/// <summary>
/// One golden case: <c>Mapping/&lt;Family&gt;/Golden/&lt;Table&gt;/&lt;case&gt;.input.json</c> and its
/// expected <c>&lt;case&gt;.ocsf.json</c>. A folder named after a <see cref="RecordKind"/> other than
/// StreamingRecord (GraphAlert, LegacyIncident...) holds API objects; any other folder holds Streaming API records.
/// </summary>
internal static class GoldenCase
{
    public static readonly DateTimeOffset ReceivedTime = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

    // One instance for every test, as the connector shares one per pipeline across partitions.
    private static readonly OcsfMapper Mapper = new();

    public static string OutputRoot => Path.Combine(AppContext.BaseDirectory, "Mapping");

    public static IEnumerable<string> All() =>
        Directory.EnumerateFiles(OutputRoot, "*.input.json", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(OutputRoot, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    public static string TableOf(string relativeInput) => relativeInput.Split('/')[^2];

    public static RecordKind KindOf(string table) =>
        Enum.TryParse<RecordKind>(table, out var kind) && kind != RecordKind.StreamingRecord ? kind : RecordKind.StreamingRecord;

    /// <summary>Maps an input the way the connector does (same writer options as RecordEncoder).</summary>
    public static (MapResult Result, byte[] Json) Map(byte[] input, RecordKind kind, string uid)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var result = Mapper.Map(input, new RecordOrigin(kind, uid, ReceivedTime), writer);
        writer.Flush();
        return (result, buffer.WrittenSpan.ToArray());
    }
}
