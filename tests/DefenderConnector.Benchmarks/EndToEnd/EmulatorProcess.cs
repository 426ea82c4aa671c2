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

    private readonly string? _folder;

    private EmulatorProcess(Process process, int port, string host, string? folder)
    {
        _process = process;
        Port = port;
        Host = host;
        _folder = folder;
    }

    public int Port { get; }

    /// <summary>The address it listens on.</summary>
    public string Host { get; }

    /// <summary>With TLS: the PEM of the emulator's generated certificate, for clients to trust.</summary>
    public string? CertificateFile => _folder is null ? null : System.IO.Path.Combine(_folder, "emulator-cert.pem");

    /// <summary>Plain AMQP on a free port of 127.0.0.1.</summary>
    public static Task<EmulatorProcess> StartAsync(string hostAssembly, string hub, int partitions, string policy, string key, string loadFile) =>
        StartAsync(hostAssembly, hub, partitions, policy, key, loadFile, tlsHost: null);

    /// <summary>
    /// AMQP over TLS on port 5671 (the port Microsoft's Python SDK always dials) of a 127.x.y.z address of
    /// its own, so every client (ours, JavaScript, Python) reads through the same emulator the same way.
    /// </summary>
    public static async Task<EmulatorProcess> StartTlsAsync(string hostAssembly, string hub, int partitions, string policy, string key, string loadFile)
    {
        for (var attempt = 1; ; attempt++)
        {
            var host = $"127.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(0, 256)}.{Random.Shared.Next(1, 255)}";
            try
            {
                return await StartAsync(hostAssembly, hub, partitions, policy, key, loadFile, host);
            }
            catch (InvalidOperationException) when (attempt < 5)
            {
                // That address already has a listener on 5671: take another.
            }
        }
    }

    private static async Task<EmulatorProcess> StartAsync(string hostAssembly, string hub, int partitions, string policy, string key, string loadFile, string? tlsHost)
    {
        var folder = tlsHost is null ? null : Directory.CreateTempSubdirectory("dc-bench-emulator-").FullName;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder ?? string.Empty };
        string[] listen = tlsHost is null ? ["--port", "0"] : ["--port", "5671", "--host", tlsHost, "--tls"];
        foreach (var argument in (string[])[hostAssembly, "emulator", .. listen, "--hub", hub, "--partitions", partitions.ToString(System.Globalization.CultureInfo.InvariantCulture), "--policy", $"{policy}=env:DC_BENCH_KEY", "--load", loadFile, "--records-per-message", "10"])
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DC_BENCH_KEY"] = key;
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        int? port = null;
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            var match = ListeningLine().Match(line);
            port ??= match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;

            // With TLS the certificate file is written after the listening line.
            if (port is { } listening && (tlsHost is null || line.StartsWith("TLS certificate", StringComparison.Ordinal)))
            {
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                return new EmulatorProcess(process, listening, tlsHost ?? "127.0.0.1", folder);
            }
        }

        var error = await process.StandardError.ReadToEndAsync(CancellationToken.None);
        process.Dispose();
        throw new InvalidOperationException("The emulator exited before listening: " + error);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [GeneratedRegex(@"listening on amqps?://[^:]+:(\d+)")]
    private static partial Regex ListeningLine();
}
