using System.Diagnostics;

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
    public static async Task<string> RunAsync(string scriptName, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("NODE_BINARY") ?? "node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Conformance", scriptName));
        foreach (var (name, value) in environment) { start.Environment[name] = value; }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{scriptName} did not finish within {timeout}. stderr: {Tail(await stderr)}");
        }

        string output = await stdout;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{scriptName} exited with {process.ExitCode}. stderr: {Tail(await stderr)}");
        }

        return output;
    }

    static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];
}
