using System.Text.Json;
using DefenderConnector.Host.Outputs.Http;

namespace DefenderConnector.Host.Outputs.Hec;

/// <summary>
/// HEC's JSON answer: <c>text</c>, <c>code</c> (Splunk's status code: 0 success, 1–4 token problems, 5–7 and 12–13
/// data problems, 8 internal error, 9 busy, 10–11 channel, 14 acknowledgement off, 17–20 health),
/// <c>ackId</c> on success with acknowledgement, and <c>invalid-event-number</c> when one event was refused.
/// </summary>
internal sealed record HecReply(string Text, int? Code, long? AckId, int? InvalidEvent)
{
    public static HecReply Parse(HttpAnswer answer)
    {
        try
        {
            using var document = JsonDocument.Parse(answer.Body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new HecReply(answer.Excerpt(), null, null, null);
            }

            return new HecReply(
                root.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString()! : answer.Excerpt(),
                root.TryGetProperty("code", out var code) && code.TryGetInt32(out var c) ? c : null,
                root.TryGetProperty("ackId", out var ack) && ack.TryGetInt64(out var a) ? a : null,
                root.TryGetProperty("invalid-event-number", out var invalid) && invalid.TryGetInt32(out var i) ? i : null);
        }
        catch (JsonException)
        {
            return new HecReply(answer.Excerpt(), null, null, null);
        }
    }

    public string Detail => Code is { } code ? $"{Text} (code {code})" : Text;

    /// <summary>The delivery failure for a refused request, transient or not by HEC's documented codes.</summary>
    public OutputDeliveryException Failure(HttpAnswer answer, Uri url, HecOutputOptions options)
    {
        var destination = HttpEndpointOptions.Describe(url);
        return Code switch
        {
            1 => new($"hec output {destination}: the token is disabled in Splunk ({Detail}); enable it or set output.hec.token to an enabled one.", false, stage: "auth"),
            2 or 3 => new($"hec output {destination}: the receiver did not find a token in the request ({Detail}); check output.hec.token.", false, stage: "auth"),
            4 => new($"hec output {destination}: the receiver does not know this token ({Detail}); check output.hec.token.", false, stage: "auth"),
            7 => new($"hec output {destination}: the token may not write to index '{options.Index}' ({Detail}); set output.hec.index to an index the token allows, or remove it.", false),
            10 or 11 => new($"hec output {destination}: the receiver refused the request channel ({Detail}).", false),
            14 => new($"hec output {destination}: useAck is true, but indexer acknowledgement is off for this token ({Detail}); turn it on for the token or set output.hec.useAck to false.", false, stage: "auth"),
            8 or 9 or 18 or 19 or 20 => new($"hec output {destination}: the receiver is busy or unhealthy (HTTP {answer.Status}: {Detail}){(answer.RetryAfter is { } after ? $"; it asked to wait {after.TotalSeconds:0} s" : "")}.", true, retryAfter: answer.RetryAfter),
            _ => HttpFailure.From("hec", url, answer, Detail, "output.hec.token (is the token right and enabled?)"),
        };
    }
}
