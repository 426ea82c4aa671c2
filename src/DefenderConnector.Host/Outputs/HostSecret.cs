namespace DefenderConnector.Host.Outputs;

/// <summary>
/// An output's secret (a token, a key, a client certificate's password): a literal, <c>env:NAME</c> or
/// <c>file:PATH</c> (relative to the settings file, trailing newline removed). Resolved once at start-up;
/// the value never prints itself and is never put into a message.
/// </summary>
internal sealed class HostSecret
{
    private HostSecret(string value, string origin)
    {
        Value = value;
        Origin = origin;
    }

    public string Value { get; }

    /// <summary>Where the value came from (<c>env:NAME</c>, <c>file:PATH</c> or <c>literal</c>), safe to print.</summary>
    public string Origin { get; }

    public override string ToString() => $"(secret from {Origin})";

    public static HostSecret? Resolve(SettingsSection section, string key, string baseDirectory, Func<string, string?> environment)
    {
        var text = section.String(key);
        if (text is null)
        {
            return null;
        }

        if (text.StartsWith("env:", StringComparison.Ordinal))
        {
            var name = text[4..];
            var value = name.Length == 0 ? null : environment(name);
            if (string.IsNullOrEmpty(value))
            {
                section.Problem(key, name.Length == 0 ? "names no environment variable: write env:NAME." : $"refers to environment variable {name}, which is not set or empty.");
                return null;
            }

            return new HostSecret(value, $"env:{name}");
        }

        if (text.StartsWith("file:", StringComparison.Ordinal))
        {
            var path = text[5..];
            var full = path.Length == 0 ? null : Path.GetFullPath(path, baseDirectory);
            if (full is null || !File.Exists(full))
            {
                section.Problem(key, path.Length == 0 ? "names no file: write file:PATH." : $"refers to file {path}, which does not exist.");
                return null;
            }

            var value = File.ReadAllText(full).TrimEnd('\r', '\n');
            if (value.Length == 0)
            {
                section.Problem(key, $"refers to file {path}, which is empty.");
                return null;
            }

            return new HostSecret(value, $"file:{path}");
        }

        return new HostSecret(text, "literal");
    }
}
