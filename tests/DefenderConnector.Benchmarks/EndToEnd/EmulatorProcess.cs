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

    private EmulatorProcess(Process process, int port, string host, int siemPort, string folder, bool tls)
    {
        _process = process;
        Port = port;
        Host = host;
        SiemPort = siemPort;
        Folder = folder;
        CertificateFile = tls ? Path.Combine(folder, "emulator-cert.pem") : null;
    }

    public int Port { get; }

    /// <summary>The address it listens on.</summary>
    public string Host { get; }

    /// <summary>The SIEM stand-ins' HTTPS port (with <c>siem</c>), else 0.</summary>
    public int SiemPort { get; }

    /// <summary>The process's working folder; the stand-ins' certificate is <c>siem-standin-cert.pem</c> in it.</summary>
    public string Folder { get; }

    public string SiemCertificate => Path.Combine(Folder, "siem-standin-cert.pem");

    /// <summary>With TLS: the PEM of the emulator's generated certificate, for clients to trust.</summary>
    public string? CertificateFile { get; }

    /// <summary>Plain AMQP on a free port of 127.0.0.1.</summary>
    /// <param name="siem">Also start the SIEM receivers' stand-ins (HEC, _bulk, Logs Ingestion), whose secret is <paramref name="key"/> too.</param>
    /// <param name="recordsPerMessage">Defender records packed into each message (about 1.7 kB each).</param>
    public static Task<EmulatorProcess> StartAsync(string hostAssembly, string hub, int partitions, string policy, string key, string loadFile, int recordsPerMessage = 10, bool siem = false) =>
        StartAsync(hostAssembly, hub, partitions, policy, key, loadFile, tlsHost: null, recordsPerMessage, siem);

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
                return await StartAsync(hostAssembly, hub, partitions, policy, key, loadFile, host, recordsPerMessage: 10, siem: false);
            }
            catch (InvalidOperationException) when (attempt < 5)
            {
                // That address already has a listener on 5671: take another.
            }
        }
    }

    private static async Task<EmulatorProcess> StartAsync(string hostAssembly, string hub, int partitions, string policy, string key, string loadFile, string? tlsHost, int recordsPerMessage, bool siem)
    {
        var folder = Directory.CreateTempSubdirectory("dc-bench-emulator-").FullName;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder };
        string[] listen = tlsHost is null ? ["--port", "0"] : ["--port", "5671", "--host", tlsHost, "--tls"];
        var arguments = new List<string> { hostAssembly, "emulator" };
        arguments.AddRange(listen);
        arguments.AddRange(["--hub", hub, "--partitions", partitions.ToString(System.Globalization.CultureInfo.InvariantCulture), "--policy", $"{policy}=env:DC_BENCH_KEY", "--load", loadFile, "--records-per-message", recordsPerMessage.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
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
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        int? port = null, siemPort = siem ? null : 0;
        var certificateWritten = tlsHost is null;
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                port ??= int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }

            if (SiemLine().Match(line) is { Success: true } siemMatch)
            {
                siemPort = int.Parse(siemMatch.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }

            // With TLS the certificate file is written after the listening line.
            certificateWritten |= line.StartsWith("TLS certificate", StringComparison.Ordinal);
            if (port is { } p && siemPort is { } s && certificateWritten)
            {
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                return new EmulatorProcess(process, p, tlsHost ?? "127.0.0.1", s, folder, tls: tlsHost is not null);
            }
        }

        var error = await process.StandardError.ReadToEndAsync(CancellationToken.None);
        process.Dispose();
        Directory.Delete(folder, recursive: true);
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
        Directory.Delete(Folder, recursive: true);
    }

    [GeneratedRegex(@"listening on amqps?://[^:]+:(\d+)")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"SIEM stand-ins listening on https://127\.0\.0\.1:(\d+)")]
    private static partial Regex SiemLine();
}
