namespace DefenderConnector.Configuration;

/// <summary>Resolves a path setting against the settings file's folder, reporting a path that cannot be one.</summary>
internal static class SettingsPaths
{
    /// <returns>The full path, or null after adding a problem naming <paramref name="setting"/>.</returns>
    public static string? Resolve(string text, string baseDirectory, string setting, SettingsProblems problems)
    {
        if (text.Length == 0 || text.IndexOf('\0') >= 0)
        {
            problems.Add(setting, text.Length == 0 ? "is empty: give a path." : "holds a NUL character, which no path can contain.");
            return null;
        }

        try
        {
            return Path.GetFullPath(text, baseDirectory);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            problems.Add(setting, $"is not a usable path ({e.Message}).");
            return null;
        }
    }
}
