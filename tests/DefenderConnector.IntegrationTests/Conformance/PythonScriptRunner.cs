using System.Diagnostics;

namespace DefenderConnector.IntegrationTests.Conformance;

/// <summary>
/// Runs a Python script from the test output folder with Debian's interpreter (<c>/usr/bin/python3</c>,
/// where <c>python3-azure</c> installs Microsoft's azure-eventhub; test.sh installs it), or the
/// interpreter named by the PYTHON_BINARY environment variable.
/// </summary>
internal static class PythonScriptRunner
{
    public static string Interpreter()
    {
        string python = Environment.GetEnvironmentVariable("PYTHON_BINARY") ?? "/usr/bin/python3";
        if (!File.Exists(python))
        {
            throw new InvalidOperationException($"{python} is missing; run ./test.sh (it installs Debian's python3-azure).");
        }

        return python;
    }

    /// <summary>Runs the script with the given environment; returns stdout, failing on timeout or a non-zero exit.</summary>
    public static async Task<string> RunAsync(string scriptName, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(Interpreter())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Conformance", scriptName));
        foreach (var (name, value) in environment) { start.Environment[name] = value; }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 could not be started.");
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
