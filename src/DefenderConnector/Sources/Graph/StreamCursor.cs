using System.Globalization;
using System.Text.Json;

namespace DefenderConnector.Sources.Graph;

/// <summary>
/// The persisted position of one API stream: the high-watermark on the last update time, and the
/// (id, last update) keys seen inside the overlap window behind it. Queries start an overlap before
/// the watermark (late-indexed objects are not missed); the keys drop what was already delivered.
/// </summary>
internal sealed class StreamCursor
{
    private readonly HashSet<string> _recent;

    private StreamCursor(DateTimeOffset watermark, HashSet<string> recent, bool isNew)
    {
        Watermark = watermark;
        _recent = recent;
        IsNew = isNew;
    }

    public DateTimeOffset Watermark { get; private set; }

    /// <summary>True when nothing was stored yet (first run).</summary>
    public bool IsNew { get; }

    public int RecentCount => _recent.Count;

    public static StreamCursor Start(DateTimeOffset watermark) => new(watermark, new HashSet<string>(StringComparer.Ordinal), true);

    public static StreamCursor Parse(string? json, DateTimeOffset initial)
    {
        if (string.IsNullOrEmpty(json))
        {
            return Start(initial);
        }

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var watermark = DateTimeOffset.Parse(root.GetProperty("watermark").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var recent = new HashSet<string>(StringComparer.Ordinal);
        if (root.TryGetProperty("recent", out var keys))
        {
            foreach (var key in keys.EnumerateArray())
            {
                recent.Add(key.GetString()!);
            }
        }

        return new StreamCursor(watermark, recent, false);
    }

    /// <summary>Moves the watermark up to <paramref name="floor"/> if it is behind it.</summary>
    public void Raise(DateTimeOffset floor)
    {
        if (floor > Watermark)
        {
            Watermark = floor;
        }
    }

    public DateTimeOffset QueryFrom(TimeSpan overlap) => Watermark - overlap;

    /// <summary>Records a delivered version; false when this exact version was delivered before.</summary>
    public bool TryRecord(string id, DateTimeOffset lastUpdate)
    {
        if (!_recent.Add(Key(id, lastUpdate)))
        {
            return false;
        }

        if (lastUpdate > Watermark)
        {
            Watermark = lastUpdate;
        }

        return true;
    }

    public bool Seen(string id, DateTimeOffset lastUpdate) => _recent.Contains(Key(id, lastUpdate));

    /// <summary>The stored form; keys older than the overlap window are dropped (queries never reach back that far).</summary>
    public string Serialize(TimeSpan overlap)
    {
        var floor = ApiItemReader.Stamp(Watermark - overlap);
        _recent.RemoveWhere(k => string.CompareOrdinal(k, 0, floor, 0, floor.Length) < 0);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("watermark", ApiItemReader.Stamp(Watermark));
            writer.WriteStartArray("recent");
            foreach (var key in _recent.Order(StringComparer.Ordinal))
            {
                writer.WriteStringValue(key);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    // The stamp comes first so that pruning by time is a string comparison.
    private static string Key(string id, DateTimeOffset lastUpdate) => $"{ApiItemReader.Stamp(lastUpdate)}|{id}";
}
