namespace DefenderConnector.Abstractions;

/// <summary>
/// The settings document as the host read it (JSON), with the folder relative paths are resolved
/// against and the environment used for <c>env:NAME</c> secret references.
/// </summary>
public sealed class ConnectorSettings
{
    /// <summary>Creates settings from a JSON document.</summary>
    public ConnectorSettings(string json, string baseDirectory, Func<string, string?>? environment = null)
    {
        Json = json ?? throw new ArgumentNullException(nameof(json));
        BaseDirectory = baseDirectory ?? throw new ArgumentNullException(nameof(baseDirectory));
        Environment = environment ?? System.Environment.GetEnvironmentVariable;
    }

    /// <summary>The settings document (JSON, comments and trailing commas allowed).</summary>
    public string Json { get; }

    /// <summary>The folder relative paths in the settings are resolved against.</summary>
    public string BaseDirectory { get; }

    /// <summary>Looks up an environment variable.</summary>
    public Func<string, string?> Environment { get; }

    /// <summary>Reads a settings file.</summary>
    public static ConnectorSettings FromFile(string path, Func<string, string?>? environment = null)
    {
        var full = Path.GetFullPath(path);
        return new ConnectorSettings(File.ReadAllText(full), Path.GetDirectoryName(full)!, environment);
    }
}
