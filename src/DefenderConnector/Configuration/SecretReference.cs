namespace DefenderConnector.Configuration;

/// <summary>
/// A secret setting: a literal value, <c>env:NAME</c> (an environment variable) or <c>file:PATH</c>
/// (a file's content, trailing newline removed; relative to the settings file). The resolved value is
/// held in <see cref="Secret"/>, which never prints itself.
/// </summary>
internal static class SecretReference
{
    public static Secret? Resolve(string? text, string setting, string baseDirectory, Func<string, string?> environment, SettingsProblems problems)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.StartsWith("env:", StringComparison.Ordinal))
        {
            var name = text[4..];
            if (name.Length == 0)
            {
                problems.Add(setting, "names no environment variable: write env:NAME.");
                return null;
            }

            var value = environment(name);
            if (string.IsNullOrEmpty(value))
            {
                problems.Add(setting, $"refers to environment variable {name}, which is not set or empty.");
                return null;
            }

            return new Secret(value, $"env:{name}");
        }

        if (text.StartsWith("file:", StringComparison.Ordinal))
        {
            var path = text[5..];
            if (path.Length == 0)
            {
                problems.Add(setting, "names no file: write file:PATH.");
                return null;
            }

            if (SettingsPaths.Resolve(path, baseDirectory, setting, problems) is not { } full)
            {
                return null;
            }

            if (Directory.Exists(full))
            {
                problems.Add(setting, $"refers to {path}, which is a folder, not a file.");
                return null;
            }

            if (!File.Exists(full))
            {
                problems.Add(setting, $"refers to file {path}, which does not exist.");
                return null;
            }

            var (value, problem) = SecretFile.Read(full);
            if (problem is not null)
            {
                problems.Add(setting, $"refers to file {path}, which {problem}.");
                return null;
            }

            return new Secret(value!, $"file:{path}");
        }

        return new Secret(text, "literal");
    }
}

/// <summary>A secret value. <see cref="ToString"/> never reveals it.</summary>
internal sealed class Secret
{
    public Secret(string value, string origin)
    {
        Value = value;
        Origin = origin;
    }

    /// <summary>The secret itself: pass it only to the code that signs or authenticates.</summary>
    public string Value { get; }

    /// <summary>Where it came from (<c>literal</c>, <c>env:NAME</c>, <c>file:PATH</c>); safe to print.</summary>
    public string Origin { get; }

    public override string ToString() => $"***({Origin})";
}
