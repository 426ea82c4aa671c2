using System.Text.Json;
using DefenderConnector.Abstractions;

namespace DefenderConnector.Host.Outputs.Http;

/// <summary>
/// Each event of a batch as the JSON value an HTTP receiver gets: JSON formats (OCSF, ECS) go in unchanged, byte
/// for byte; a text format (CEF) becomes a JSON string, or, where a document is needed, <c>{"message": "..."}</c>.
/// </summary>
internal static class EventPayloads
{
    public static bool IsJson(string format) => !string.Equals(format, "cef", StringComparison.OrdinalIgnoreCase);

    /// <summary>The batch's events as JSON values (strings for a text format).</summary>
    public static IReadOnlyList<ReadOnlyMemory<byte>> Values(EventBatch batch) => IsJson(batch.Format) ? batch.Events : Wrap(batch, asDocument: false);

    /// <summary>The batch's events as JSON documents (objects; a text event becomes <c>{"message": "..."}</c>).</summary>
    public static IReadOnlyList<ReadOnlyMemory<byte>> Documents(EventBatch batch) => IsJson(batch.Format) ? batch.Events : Wrap(batch, asDocument: true);

    private static ReadOnlyMemory<byte>[] Wrap(EventBatch batch, bool asDocument)
    {
        var result = new ReadOnlyMemory<byte>[batch.Events.Count];
        using var buffer = new MemoryStream();
        for (var i = 0; i < result.Length; i++)
        {
            buffer.SetLength(0);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                var text = System.Text.Encoding.UTF8.GetString(batch.Events[i].Span);
                if (asDocument)
                {
                    writer.WriteStartObject();
                    writer.WriteString("message", text);
                    writer.WriteEndObject();
                }
                else
                {
                    writer.WriteStringValue(text);
                }
            }

            result[i] = buffer.ToArray();
        }

        return result;
    }
}
