using System.Text.Json;
using DefenderConnector.Abstractions;
using DefenderConnector.Host.Outputs.Relp;
using DefenderConnector.Host.Outputs.Syslog;

namespace DefenderConnector.Host.Outputs;

/// <summary>
/// Reads the host's part of the <c>output</c> section: <c>type</c> (file, syslog, relp), <c>path</c> for the file,
/// <c>deadLetterPath</c>, and one sub-object per network output. <c>format</c>, <c>maxBatchEvents</c> and
/// <c>ecsOriginal</c> belong to the plugin, which validates them (and rejects unknown keys).
/// </summary>
internal static class OutputSettingsReader
{
    public const string DefaultDeadLetterPath = "out/output-dead-letters.jsonl";

    private static readonly Dictionary<string, OutputKind> Kinds = new(StringComparer.Ordinal)
    {
        ["file"] = OutputKind.File,
        ["syslog"] = OutputKind.Syslog,
        ["relp"] = OutputKind.Relp,
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
            section.Problem("type", $"must be file (default), syslog or relp, found '{typeText}'.");
            return (null, problems);
        }

        var filePath = FullPath(section, fileOverride is null ? "path" : null, fileOverride ?? section.String("path") ?? HostSettings.DefaultOutputPath, settings.BaseDirectory);
        var deadLetters = FullPath(section, "deadLetterPath", section.String("deadLetterPath") ?? DefaultDeadLetterPath, settings.BaseDirectory);
        if (fileOverride is not null)
        {
            return (new OutputPlan(OutputKind.File, filePath, deadLetters, null, null), problems);
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
        if (kind is OutputKind.Syslog or OutputKind.Relp)
        {
            var key = typeText;
            var child = section.Child(key);
            if (child is null)
            {
                if (!problems.Any(p => p.Setting == section.Name(key)))
                {
                    section.Problem(key, $"is required when output.type is {key}: at least {{ \"host\": \"...\" }}.");
                }
            }
            else if (kind is OutputKind.Syslog)
            {
                syslog = SyslogSettingsReader.Read(child, settings.BaseDirectory, settings.Environment);
            }
            else
            {
                relp = RelpSettingsReader.Read(child, settings.BaseDirectory, settings.Environment);
            }
        }

        return problems.Count > 0 ? (null, problems) : (new OutputPlan(kind, filePath, deadLetters, syslog, relp), problems);
    }

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
