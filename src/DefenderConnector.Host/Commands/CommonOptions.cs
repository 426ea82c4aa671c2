using System.CommandLine;

namespace DefenderConnector.Host.Commands;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    public static Option<FileInfo> Config() => new("--config", "-c")
    {
        Description = "The settings file (JSON). See config/ for examples.",
        Required = true,
    };

    public static Option<DirectoryInfo?> Plugin() => new("--plugin")
    {
        Description = "The plugin folder holding manifest.json (default: plugins/DefenderConnector beside the host).",
    };

    public static Option<string?> Source() => new("--source", "-s")
    {
        Description = "Only this source (eventhub, graph; with tenants contoso/eventhub, or a tenant's name for all its sources); default: every configured source.",
    };

    public static Option<FileInfo?> Output() => new("--output", "-o")
    {
        Description = "Write events to this file instead of the settings' output.path.",
    };

    public static Option<bool> Verbose() => new("--verbose", "-v")
    {
        Description = "Log debug details to standard error.",
    };
}
