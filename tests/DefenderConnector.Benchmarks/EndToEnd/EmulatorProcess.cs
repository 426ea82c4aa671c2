using System.Diagnostics;
using System.Text.RegularExpressions;

namespace DefenderConnector.Benchmarks.EndToEnd;

/// <summary>
/// The Event Hubs emulator in its own process (the host's <c>emulator</c> command), so the connector's
/// memory and CPU figures are its own.
/// </summary>
internal sealed partial class EmulatorProcess : IDisposable
{
    private readonly Process _process;

    private EmulatorProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static async Task<EmulatorProcess> StartAsync(string hostAssembly, string hub, int partitions, string policy, string key, string loadFile, int recordsPerMessage)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { hostAssembly, "emulator", "--port", "0", "--hub", hub, "--partitions", partitions.ToString(System.Globalization.CultureInfo.InvariantCulture), "--policy", $"{policy}=env:DC_BENCH_KEY", "--load", loadFile, "--records-per-message", recordsPerMessage.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DC_BENCH_KEY"] = key;
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            var match = ListeningLine().Match(line);
            if (match.Success)
            {
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                return new EmulatorProcess(process, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        throw new InvalidOperationException("The emulator exited before listening: " + await process.StandardError.ReadToEndAsync(CancellationToken.None));
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"listening on amqp://[^:]+:(\d+)")]
    private static partial Regex ListeningLine();
}
