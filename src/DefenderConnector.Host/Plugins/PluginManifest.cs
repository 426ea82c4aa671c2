using System.Text.Json;
using System.Text.Json.Serialization;

namespace DefenderConnector.Host.Plugins;

/// <summary>The part of <c>manifest.json</c> a host needs to load the plugin.</summary>
internal sealed record PluginManifest
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Version { get; init; }

    public required string EntryAssembly { get; init; }

    public required string EntryType { get; init; }

    public string? SettingsSchema { get; init; }

    public IReadOnlyList<string> OutputFormats { get; init; } = [];

    public IReadOnlyList<PluginDataSource> DataSources { get; init; } = [];

    public static PluginManifest Read(string path)
    {
        PluginManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(File.ReadAllText(path), ManifestJsonContext.Default.PluginManifest);
        }
        catch (JsonException e)
        {
            throw new PluginLoadException($"The plugin manifest {path} is not valid: {e.Message}", e);
        }

        if (manifest is null || string.IsNullOrWhiteSpace(manifest.EntryAssembly) || string.IsNullOrWhiteSpace(manifest.EntryType))
        {
            throw new PluginLoadException($"The plugin manifest {path} must name entryAssembly and entryType.");
        }

        return manifest;
    }
}

/// <summary>One data source a plugin declares.</summary>
internal sealed record PluginDataSource
{
    public required string Name { get; init; }

    public string? DisplayName { get; init; }

    public string? DefaultInterval { get; init; }
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(PluginManifest))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
