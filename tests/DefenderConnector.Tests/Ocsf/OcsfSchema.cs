using System.IO.Compression;
using System.Text.Json;

namespace DefenderConnector.Tests.Ocsf;

/// <summary>
/// The compiled OCSF 1.8.0 schema, vendored gzip-compressed beside the tests (Schema/) so the
/// tests do not depend on any path outside the repository. Read once and kept as a JsonDocument:
/// the validator only looks things up in it.
/// </summary>
internal sealed class OcsfSchema
{
    public const string RelativePath = "Ocsf/Schema/ocsf-1.8.0.json.gz";

    private readonly JsonDocument _document;
    private readonly Dictionary<long, JsonElement> _classes = [];
    private readonly HashSet<string> _observableTypeIds = new(StringComparer.Ordinal);

    private OcsfSchema(JsonDocument document)
    {
        _document = document;
        var root = document.RootElement;
        Version = root.GetProperty("version").GetString()!;
        Objects = root.GetProperty("objects");
        Profiles = root.GetProperty("profiles");
        Types = root.GetProperty("dictionary").GetProperty("types").GetProperty("attributes");
        foreach (var cls in root.GetProperty("classes").EnumerateObject())
        {
            _classes[cls.Value.GetProperty("uid").GetInt64()] = cls.Value;
        }

        foreach (var id in Objects.GetProperty("observable").GetProperty("attributes").GetProperty("type_id").GetProperty("enum").EnumerateObject())
        {
            _observableTypeIds.Add(id.Name);
        }
    }

    public string Version { get; }

    public JsonElement Objects { get; }

    public JsonElement Profiles { get; }

    public JsonElement Types { get; }

    public static OcsfSchema Load(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        return new OcsfSchema(JsonDocument.Parse(gzip, new JsonDocumentOptions { MaxDepth = 256 }));
    }

    public static OcsfSchema LoadFromOutput() => Load(Path.Combine(AppContext.BaseDirectory, RelativePath));

    public bool TryGetClass(long uid, out JsonElement cls) => _classes.TryGetValue(uid, out cls);

    public bool IsObservableTypeId(long id) => _observableTypeIds.Contains(id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The primitive a dictionary type stands for (<c>ip_t</c> is a <c>string_t</c>, <c>port_t</c> an <c>integer_t</c>).</summary>
    public string BaseType(string type)
    {
        var current = type;
        for (var i = 0; i < 4 && Types.TryGetProperty(current, out var entry) && entry.TryGetProperty("type", out var parent) && parent.ValueKind == JsonValueKind.String; i++)
        {
            current = parent.GetString()!;
        }

        return current;
    }

    /// <summary>The type entry of the attribute's own type, for max_len and range.</summary>
    public JsonElement? TypeEntry(string type) => Types.TryGetProperty(type, out var entry) ? entry : null;
}
