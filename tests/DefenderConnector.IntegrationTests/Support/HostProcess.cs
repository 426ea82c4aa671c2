using System.Diagnostics;
using System.Text;

namespace DefenderConnector.IntegrationTests.Support;

/// <summary>Runs the reference host (<c>defender-connector</c>) as a real child process.</summary>
internal sealed class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private HostProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public string StandardOutput
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static HostProcess Start(IEnumerable<string> arguments, IDictionary<string, string>? environment = null, string? workingDirectory = null) =>
        Start("dotnet", [], arguments, environment, workingDirectory);

    /// <summary>
    /// Starts the host as systemd starts a service: <c>SYSTEMD_EXEC_PID</c> holds the host's own process id (a shell
    /// sets it to its id, then becomes the host with <c>exec</c>); pass <c>NOTIFY_SOCKET</c> in <paramref name="environment"/>.
    /// </summary>
    public static HostProcess StartAsSystemdService(IEnumerable<string> arguments, IDictionary<string, string> environment, string workingDirectory) =>
        Start("/bin/sh", ["-c", "SYSTEMD_EXEC_PID=$$ exec dotnet \"$@\"", "sh"], arguments, environment, workingDirectory);

    private static HostProcess Start(string program, IEnumerable<string> prefix, IEnumerable<string> arguments, IDictionary<string, string>? environment, string? workingDirectory)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in prefix)
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add(RepoPaths.HostAssembly);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return new HostProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    /// <summary>Runs to completion (or kills after <paramref name="timeout"/>) and returns the exit code.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IEnumerable<string> arguments, IDictionary<string, string>? environment = null, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        using var process = Start(arguments, environment, workingDirectory);
        var exit = await process.WaitForExitAsync(timeout ?? TimeSpan.FromMinutes(3));
        return (exit, process.StandardOutput, process.StandardError);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"The host did not exit within {timeout}. Output:\n{StandardOutput}\nErrors:\n{StandardError}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Kills the process at once (SIGKILL): no cleanup runs, as in a crash.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.AppendLine(line);
        }
    }
}
