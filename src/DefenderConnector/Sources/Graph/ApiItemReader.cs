using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace DefenderConnector.Sources.Graph;

/// <summary>Reads API answers (an OData <c>value</c> array or a bare array) into <see cref="ApiItem"/>s.</summary>
internal static class ApiItemReader
{
    public static ApiPage ReadODataPage(JsonDocument document, string idField, string timeField)
    {
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("The answer has no 'value' array.");
        }

        var next = root.TryGetProperty("@odata.nextLink", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        long? count = root.TryGetProperty("@odata.count", out var c) && c.TryGetInt64(out var cv) ? cv : null;
        return new ApiPage(ReadArray(value, idField, timeField), next, count);
    }

    public static List<ApiItem> ReadArray(JsonElement array, string idField, string timeField)
    {
        var items = new List<ApiItem>(array.GetArrayLength());
        foreach (var element in array.EnumerateArray())
        {
            items.Add(Read(element, idField, timeField));
        }

        return items;
    }

    public static ApiItem Read(JsonElement element, string idField, string timeField)
    {
        var json = JsonMarshal.GetRawUtf8Value(element).ToArray();
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new ApiItem(null, null, json);
        }

        string? id = element.TryGetProperty(idField, out var idValue) ? idValue.ValueKind switch
        {
            JsonValueKind.String => idValue.GetString(),
            JsonValueKind.Number => idValue.GetRawText(),
            _ => null,
        } : null;
        DateTimeOffset? time = element.TryGetProperty(timeField, out var t) && t.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(t.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.ToUniversalTime()
            : null;
        return new ApiItem(string.IsNullOrEmpty(id) ? null : id, time, json);
    }

    /// <summary>The one timestamp form used in cursors, de-duplication keys and event ids.</summary>
    public static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The timestamp form OData filters accept.</summary>
    public static string FilterStamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
