namespace DefenderConnector.IntegrationTests.Conformance;

/// <summary>
/// Runs a Node script from the test output folder with the npm tools that test.sh installs into
/// <c>&lt;repo&gt;/.tools</c> (the repo is the folder holding DefenderConnector.sln above the test binaries).
/// Node comes from PATH, or from the NODE_BINARY environment variable when set.
/// </summary>
internal static class NodeScriptRunner
{
    public static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DefenderConnector.sln"))) { return dir.FullName; }
        }

        throw new InvalidOperationException("DefenderConnector.sln was not found above " + AppContext.BaseDirectory);
    }

    public static string ToolsDirectory()
    {
        string tools = Path.Combine(FindRepositoryRoot(), ".tools");
        if (!Directory.Exists(Path.Combine(tools, "node_modules", "@azure", "event-hubs")))
        {
            throw new InvalidOperationException(
                $"The npm test tools are missing from {tools}; run ./test.sh (or npm ci in .tools with tests/tools/package*.json).");
        }

        return tools;
    }

    /// <summary>Runs the script with the given environment; returns stdout, failing on timeout or a non-zero exit.</summary>
    public static Task<string> RunAsync(string scriptName, IReadOnlyDictionary<string, string> environment, TimeSpan timeout) =>
        ScriptProcess.RunAsync(Environment.GetEnvironmentVariable("NODE_BINARY") ?? "node", scriptName, environment, timeout);
}
