using System.Text.Json;

namespace DefenderConnector.Host;

/// <summary>The few settings the host itself reads from the connector's settings file: where its sink writes.</summary>
internal static class HostSettings
{
    public const string DefaultOutputPath = "out/defender-events.jsonl";

    /// <summary><c>output.path</c> resolved against the settings file's folder, or the default there.</summary>
    public static string OutputPath(string settingsJson, string baseDirectory)
    {
        try
        {
            using var document = JsonDocument.Parse(settingsJson, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("output", out var output)
                && output.ValueKind == JsonValueKind.Object
                && output.TryGetProperty("path", out var path)
                && path.ValueKind == JsonValueKind.String)
            {
                return Path.GetFullPath(path.GetString()!, baseDirectory);
            }
        }
        catch (JsonException)
        {
            // The plugin's validation reports the broken document; the host only needs a path.
        }

        return Path.GetFullPath(DefaultOutputPath, baseDirectory);
    }
}
