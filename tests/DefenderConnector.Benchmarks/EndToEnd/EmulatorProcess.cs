using System.Diagnostics;
using System.Text.RegularExpressions;

namespace DefenderConnector.Benchmarks.EndToEnd;

/// <summary>
/// The Event Hubs emulator (and, for the HTTP outputs, the SIEM stand-ins) in its own process (the host's <c>emulator</c> command), so the connector's
/// memory and CPU figures are its own.
/// </summary>
internal sealed partial class EmulatorProcess : IDisposable
{
    private readonly Process _process;

    private EmulatorProcess(Process process, int port, int siemPort, string folder)
    {
        _process = process;
        Port = port;
        SiemPort = siemPort;
        Folder = folder;
    }

    public int Port { get; }

    /// <summary>The SIEM stand-ins' HTTPS port (with <c>siem</c>), else 0.</summary>
    public int SiemPort { get; }

    /// <summary>The process's working folder; the stand-ins' certificate is <c>siem-standin-cert.pem</c> in it.</summary>
    public string Folder { get; }

    public string SiemCertificate => Path.Combine(Folder, "siem-standin-cert.pem");

    /// <param name="siem">Also start the SIEM receivers' stand-ins (HEC, _bulk, Logs Ingestion), whose secret is <paramref name="key"/> too.</param>
    public static async Task<EmulatorProcess> StartAsync(string hostAssembly, string hub, int partitions, string policy, string key, string loadFile, bool siem = false)
    {
        var folder = Directory.CreateTempSubdirectory("dc-bench-emulator-").FullName;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder };
        var arguments = new List<string> { hostAssembly, "emulator", "--port", "0", "--hub", hub, "--partitions", partitions.ToString(System.Globalization.CultureInfo.InvariantCulture), "--policy", $"{policy}=env:DC_BENCH_KEY", "--load", loadFile, "--records-per-message", "10" };
        if (siem)
        {
            arguments.AddRange(["--siem", "env:DC_BENCH_KEY"]);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DC_BENCH_KEY"] = key;
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        int? port = null, siemPort = siem ? null : 0;
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                port = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }

            if (SiemLine().Match(line) is { Success: true } siemMatch)
            {
                siemPort = int.Parse(siemMatch.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }

            if (port is { } p && siemPort is { } s)
            {
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                return new EmulatorProcess(process, p, s, folder);
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
        Directory.Delete(Folder, recursive: true);
    }

    [GeneratedRegex(@"listening on amqp://[^:]+:(\d+)")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"SIEM stand-ins listening on https://127\.0\.0\.1:(\d+)")]
    private static partial Regex SiemLine();
}
