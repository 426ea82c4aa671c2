using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace DefenderConnector.IntegrationTests.Support;

/// <summary>
/// A real HTTP proxy (Debian's tinyproxy, installed by test.sh) on a loopback port chosen for the test,
/// with Basic credentials generated per start. Its log shows which tunnels (CONNECT) went through it.
/// </summary>
internal sealed class TinyproxyFixture : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private TinyproxyFixture(Process process, string directory, int port, string? username, string? password)
    {
        _process = process;
        _directory = directory;
        Port = port;
        Username = username;
        Password = password;
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public string? Username { get; }

    /// <summary>Generated for this start; never written anywhere but the proxy's own config file.</summary>
    public string? Password { get; }

    public string Log => File.Exists(LogPath) ? ReadShared(LogPath) : string.Empty;

    private string LogPath => Path.Combine(_directory, "tinyproxy.log");

    public static async Task<TinyproxyFixture> StartAsync(bool withCredentials = true)
    {
        var executable = new[] { "/usr/bin/tinyproxy", "/usr/sbin/tinyproxy" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("tinyproxy is not installed; ./test.sh installs it (apt-get install tinyproxy).");
        var directory = Path.Combine(Path.GetTempPath(), "dc-proxy-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var port = FreePort();
        var username = withCredentials ? "siem" + Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant() : null;
        var password = withCredentials ? Convert.ToHexString(RandomNumberGenerator.GetBytes(18)) : null;
        var config = Path.Combine(directory, "tinyproxy.conf");
        await File.WriteAllTextAsync(config, string.Join('\n',
            $"Port {port}",
            "Listen 127.0.0.1",
            "Allow 127.0.0.1",
            "Timeout 120",
            "MaxClients 64",
            "LogLevel Connect",
            $"LogFile \"{Path.Combine(directory, "tinyproxy.log")}\"",
            withCredentials ? $"BasicAuth {username} {password}" : string.Empty) + "\n");
        var process = Process.Start(new ProcessStartInfo(executable, ["-d", "-c", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var fixture = new TinyproxyFixture(process, directory, port, username, password);

        // Ready when it accepts a connection; bounded by attempts, not by a wall-clock assertion.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return fixture;
            }
            catch (SocketException) when (attempt < 200 && !process.HasExited)
            {
                await Task.Delay(50);
            }
            catch (SocketException)
            {
                await fixture.DisposeAsync();
                throw new InvalidOperationException($"tinyproxy did not start on port {port}.");
            }
        }
    }

    /// <summary>How many tunnels to 127.0.0.1:<paramref name="port"/> the proxy opened.</summary>
    public int TunnelsTo(int port) => Log.Split('\n').Count(l => l.Contains($"CONNECT 127.0.0.1:{port} ", StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A log still being flushed; the temp folder is harmless.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
