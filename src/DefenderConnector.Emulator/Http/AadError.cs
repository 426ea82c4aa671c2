using System.Globalization;
using System.Text.Json.Nodes;

namespace DefenderConnector.Emulator.Http;

/// <summary>Entra's token error body: <c>error</c>, <c>error_description</c> starting with "AADSTSnnn:", <c>error_codes</c>, ids.</summary>
internal static class AadError
{
    public static (int Status, string Body) Create(int status, string error, int code, string description, string authority, DateTimeOffset now)
    {
        var trace = Guid.NewGuid().ToString();
        var correlation = Guid.NewGuid().ToString();
        var stamp = now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var body = new JsonObject
        {
            ["error"] = error,
            ["error_description"] = $"AADSTS{code}: {description} Trace ID: {trace} Correlation ID: {correlation} Timestamp: {stamp}",
            ["error_codes"] = new JsonArray(code),
            ["timestamp"] = stamp,
            ["trace_id"] = trace,
            ["correlation_id"] = correlation,
            ["error_uri"] = $"{authority}/error?code={code}",
        };
        return (status, body.ToJsonString());
    }
}
