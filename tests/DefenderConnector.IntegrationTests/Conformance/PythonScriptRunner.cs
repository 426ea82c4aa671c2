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
    public static Task<string> RunAsync(string scriptName, IReadOnlyDictionary<string, string> environment, TimeSpan timeout) =>
        ScriptProcess.RunAsync(Interpreter(), scriptName, environment, timeout);
}
