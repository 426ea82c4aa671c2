using System.Globalization;
using System.Text.Json;

namespace DefenderConnector.Encoders;

/// <summary>
/// Read-only access to one OCSF event by dotted attribute path (<c>actor.process.file.path</c>).
/// The encoders read a handful of paths per event, so walking a <see cref="JsonDocument"/> is
/// simpler and cheap enough for these non-default formats.
/// </summary>
internal readonly struct OcsfView
{
    /// <summary>OCSF <c>fingerprint.algorithm_id</c> values.</summary>
    public const int Md5 = 1, Sha1 = 2, Sha256 = 3, Sha512 = 4;

    public OcsfView(JsonElement root) => Root = root;

    public JsonElement Root { get; }

    public bool Has(string path) => Element(path) is not null;

    /// <summary>The element at <paramref name="path"/>, or null when any step is missing or JSON null. A numeric step indexes an array (<c>web_resources.0.url_string</c>).</summary>
    public JsonElement? Element(string path) => Find(Root, path);

    /// <summary>A scalar as text: strings as is, numbers and booleans as written; empty strings count as missing.</summary>
    public string? Text(string path) => Scalar(Element(path));

    public long? Long(string path)
    {
        var e = Element(path);
        return e is { ValueKind: JsonValueKind.Number } n && n.TryGetInt64(out var v) ? v : null;
    }

    /// <summary>The elements of an array attribute (none when missing or not an array).</summary>
    public IEnumerable<JsonElement> Array(string path) => Items(Element(path));

    /// <summary>A hash of <paramref name="fileObject"/>'s <c>hashes</c> by algorithm id.</summary>
    public string? Hash(string fileObject, int algorithmId) => HashOf(Element(fileObject), algorithmId);

    public static string? HashOf(JsonElement? file, int algorithmId)
    {
        foreach (var fingerprint in Items(Find(file, "hashes")))
        {
            if (Find(fingerprint, "algorithm_id") is { ValueKind: JsonValueKind.Number } id && id.TryGetInt32(out var v) && v == algorithmId)
            {
                return Scalar(Find(fingerprint, "value"));
            }
        }

        return null;
    }

    public static JsonElement? Find(JsonElement? start, string path)
    {
        if (start is not { } current)
        {
            return null;
        }

        foreach (var segment in path.Split('.'))
        {
            if (current.ValueKind == JsonValueKind.Array && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                if (index >= current.GetArrayLength())
                {
                    return null;
                }

                current = current[index];
            }
            else if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
            {
                return null;
            }
        }

        return current.ValueKind == JsonValueKind.Null ? null : current;
    }

    public static string? Scalar(JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString() is { Length: > 0 } text ? text : null,
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        { ValueKind: JsonValueKind.True } => "true",
        { ValueKind: JsonValueKind.False } => "false",
        _ => null,
    };

    public static IEnumerable<JsonElement> Items(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    /// <summary>OCSF <c>timestamp_t</c> (milliseconds since the epoch) as ISO-8601 UTC with milliseconds.</summary>
    public static string? IsoTime(long? milliseconds) => milliseconds is { } ms && ms >= -62135596800000 && ms <= 253402300799999
        ? DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
        : null;
}
