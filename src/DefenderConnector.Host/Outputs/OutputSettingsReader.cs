using System.Text.Json;
using DefenderConnector.Abstractions;
using DefenderConnector.Host.Outputs.Elasticsearch;
using DefenderConnector.Host.Outputs.Hec;
using DefenderConnector.Host.Outputs.Relp;
using DefenderConnector.Host.Outputs.Sentinel;
using DefenderConnector.Host.Outputs.Syslog;
using DefenderConnector.Host.Sinks;

namespace DefenderConnector.Host.Outputs;

/// <summary>
/// Reads the host's part of the <c>output</c> section: <c>type</c> (file, syslog, relp, hec, elasticsearch, sentinel), <c>path</c> and
/// <c>pageCacheMb</c> for the file, <c>deadLetterPath</c>, and one sub-object per network output. <c>format</c>, <c>maxBatchEvents</c> and
/// <c>ecsOriginal</c> belong to the plugin, which validates them (and rejects unknown keys).
/// </summary>
internal static class OutputSettingsReader
{
    public const string DefaultDeadLetterPath = "out/output-dead-letters.jsonl";

    /// <summary>The largest <c>output.pageCacheMb</c>: 1 TiB, more than any file grows between two reads of a tailing reader.</summary>
    public const int MaxPageCacheMb = 1024 * 1024;

    private static readonly Dictionary<string, OutputKind> Kinds = new(StringComparer.Ordinal)
    {
        ["file"] = OutputKind.File,
        ["syslog"] = OutputKind.Syslog,
        ["relp"] = OutputKind.Relp,
        ["hec"] = OutputKind.Hec,
        ["elasticsearch"] = OutputKind.Elasticsearch,
        ["sentinel"] = OutputKind.Sentinel,
    };

    /// <summary>The plan, or problems naming each bad setting. <paramref name="fileOverride"/> (the CLI's --output) selects the file output.</summary>
    public static (OutputPlan? Plan, IReadOnlyList<SettingsProblem> Problems) Read(ConnectorSettings settings, string? fileOverride)
    {
        var problems = new List<SettingsProblem>();
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(settings.Json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // The plugin's validation reports the broken document.
            return (null, problems);
        }

        var output = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("output", out var o) ? o : default;
        var section = new SettingsSection(output, "output", problems);
        var typeText = section.String("type") ?? "file";
        if (!Kinds.TryGetValue(typeText, out var kind))
        {
            section.Problem("type", $"must be file (default), syslog, relp, hec, elasticsearch or sentinel, found '{typeText}'.");
            return (null, problems);
        }

        var filePath = FullPath(section, fileOverride is null ? "path" : null, fileOverride ?? section.String("path") ?? HostSettings.DefaultOutputPath, settings.BaseDirectory);
        var deadLetters = FullPath(section, "deadLetterPath", section.String("deadLetterPath") ?? DefaultDeadLetterPath, settings.BaseDirectory);
        var pageCacheMb = section.Integer("pageCacheMb", 0, MaxPageCacheMb);
        var fileCacheBytes = pageCacheMb is { } mb ? mb * (1L << 20) : FileEventSink.DefaultCacheWindowBytes;
        if (fileOverride is not null)
        {
            return (new OutputPlan(OutputKind.File, filePath, deadLetters, null, null) { FileCacheBytes = fileCacheBytes }, problems);
        }

        if (kind is not OutputKind.File && section.Has("pageCacheMb"))
        {
            section.Problem("pageCacheMb", $"applies to the file output only, but output.type is {typeText}: remove it.");
        }

        foreach (var (name, other) in Kinds)
        {
            if (other is not OutputKind.File && other != kind && output.ValueKind == JsonValueKind.Object && output.TryGetProperty(name, out _))
            {
                section.Problem(name, $"is set, but output.type is {typeText}: remove it or set output.type to {name}.");
            }
        }

        SyslogOutputOptions? syslog = null;
        RelpOutputOptions? relp = null;
        HecOutputOptions? hec = null;
        ElasticsearchOutputOptions? elasticsearch = null;
        SentinelOutputOptions? sentinel = null;
        if (kind is not OutputKind.File)
        {
            var key = typeText;
            var child = section.Child(key);
            if (child is null)
            {
                if (!problems.Any(p => p.Setting == section.Name(key)))
                {
                    section.Problem(key, $"is required when output.type is {key}: at least {Minimum(kind)}.");
                }
            }
            else if (kind is OutputKind.Syslog)
            {
                syslog = SyslogSettingsReader.Read(child, settings.BaseDirectory, settings.Environment);
            }
            else if (kind is OutputKind.Relp)
            {
                relp = RelpSettingsReader.Read(child, settings.BaseDirectory, settings.Environment);
            }
            else if (kind is OutputKind.Hec)
            {
                hec = HecSettingsReader.Read(child, settings.BaseDirectory, settings.Environment);
            }
            else if (kind is OutputKind.Elasticsearch)
            {
                elasticsearch = ElasticsearchSettingsReader.Read(child, settings.BaseDirectory, settings.Environment);
            }
            else
            {
                sentinel = SentinelSettingsReader.Read(child, settings.BaseDirectory, settings.Environment);
            }
        }

        return problems.Count > 0
            ? (null, problems)
            : (new OutputPlan(kind, filePath, deadLetters, syslog, relp) { FileCacheBytes = fileCacheBytes, Hec = hec, Elasticsearch = elasticsearch, Sentinel = sentinel }, problems);
    }

    private static string Minimum(OutputKind kind) => kind switch
    {
        OutputKind.Hec => "{ \"url\": \"https://...:8088\", \"token\": \"env:NAME\" }",
        OutputKind.Elasticsearch => "{ \"url\": \"https://...:9200\", \"dataStream\": \"logs-defender-default\", \"apiKey\": \"env:NAME\" }",
        OutputKind.Sentinel => "{ \"endpoint\": \"https://...ingest.monitor.azure.com\", \"dcrImmutableId\": \"dcr-...\", \"streamName\": \"Custom-...\", \"tenantId\": \"...\", \"clientId\": \"...\", \"clientSecret\": \"env:NAME\" }",
        _ => "{ \"host\": \"...\" }",
    };

    /// <summary>The path resolved against the settings folder; one that cannot be a path (a NUL in it) is a problem naming the setting.</summary>
    private static string FullPath(SettingsSection section, string? key, string path, string baseDirectory)
    {
        try
        {
            return Path.GetFullPath(path, baseDirectory);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            if (key is not null)
            {
                section.Problem(key, "is not a usable path (it holds a character no path may hold, or is too long).");
            }

            return path;
        }
    }
}
