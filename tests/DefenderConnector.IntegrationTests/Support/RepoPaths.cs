namespace DefenderConnector.IntegrationTests.Support;

/// <summary>Locations in the checkout and the build output the tests run from.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DefenderConnector.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The tests must run from a build output inside the checkout (no DefenderConnector.sln above " + AppContext.BaseDirectory + ").");
    });

    public static string Root => RootPath.Value;

    /// <summary>The configuration the tests were built in (Debug or Release), read from their own output path.</summary>
    public static string Configuration => new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    /// <summary>The reference host's build output, where the plugin is copied under plugins/DefenderConnector.</summary>
    public static string HostOutput => Path.Combine(Root, "src", "DefenderConnector.Host", "bin", Configuration, "net10.0");

    public static string PluginDirectory => Path.Combine(HostOutput, "plugins", "DefenderConnector");

    public static string HostAssembly => Path.Combine(HostOutput, "defender-connector.dll");

    public static string Samples => Path.Combine(Root, "config", "samples");
}
