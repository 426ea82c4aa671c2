using System.Text.Json;
using DefenderConnector.Host.Outputs.Http;

namespace DefenderConnector.Host.Outputs.Elasticsearch;

/// <summary>
/// The parts of a <c>_bulk</c> answer the output acts on: per item (in request order) its status and, when it
/// failed, the receiver's error type and reason; for a refused request, the top-level error.
/// </summary>
internal static class BulkResponse
{
    public sealed record Item(int Status, string? ErrorType, string? Reason);

    /// <summary>The items, or null when the answer is not a bulk answer for <paramref name="expected"/> items.</summary>
    public static List<Item>? Items(HttpAnswer answer, int expected)
    {
        try
        {
            using var document = JsonDocument.Parse(answer.Body);
            if (!document.RootElement.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array || items.GetArrayLength() != expected)
            {
                return null;
            }

            var result = new List<Item>(expected);
            foreach (var wrapper in items.EnumerateArray())
            {
                // Each item is { "<action>": { "status": ..., "error": { "type": ..., "reason": ... } } }.
                var item = wrapper.EnumerateObject().FirstOrDefault().Value;
                var status = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("status", out var s) && s.TryGetInt32(out var code) ? code : 0;
                string? type = null, reason = null;
                if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("error", out var error))
                {
                    (type, reason) = Error(error);
                }

                result.Add(new Item(status, type, reason));
            }

            return result;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A refused request's error as "type: reason", or the body's start.</summary>
    public static string Detail(HttpAnswer answer)
    {
        try
        {
            using var document = JsonDocument.Parse(answer.Body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error))
            {
                var (type, reason) = Error(error);
                return type is null ? reason ?? answer.Excerpt() : $"{type}: {reason}";
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page): the excerpt below says what it was.
        }

        return answer.Body.Length == 0 ? "no body" : answer.Excerpt();
    }

    private static (string? Type, string? Reason) Error(JsonElement error) => error.ValueKind switch
    {
        JsonValueKind.Object => (
            error.TryGetProperty("type", out var t) ? t.GetString() : null,
            error.TryGetProperty("reason", out var r) ? r.GetString() : null),
        JsonValueKind.String => (null, error.GetString()),
        _ => (null, null),
    };
}
