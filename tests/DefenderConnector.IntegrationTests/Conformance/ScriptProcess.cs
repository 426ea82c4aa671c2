using System.Diagnostics;

namespace DefenderConnector.IntegrationTests.Conformance;

/// <summary>Runs a conformance script from the test output folder with an interpreter (node, python3) and collects its output.</summary>
internal static class ScriptProcess
{
    /// <summary>Runs the script with the given environment; returns stdout, failing on timeout or a non-zero exit.</summary>
    public static async Task<string> RunAsync(string interpreter, string scriptName, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Conformance", scriptName));
        foreach (var (name, value) in environment) { start.Environment[name] = value; }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{interpreter} could not be started.");
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
