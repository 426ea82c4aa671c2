using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DefenderConnector.IntegrationTests.Support;

/// <summary>
/// Debian's tinyproxy on a free loopback port with Basic authentication (user and a password generated
/// per test), run in the foreground and killed on dispose. CONNECT is allowed to any port, so the
/// tunnel reaches a test endpoint on loopback.
/// </summary>
internal sealed class TinyProxy : IDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private TinyProxy(Process process, string folder, int port, string user, string password)
    {
        _process = process;
        _folder = folder;
        Port = port;
        User = user;
        Password = password;
    }

    public int Port { get; }

    public string User { get; }

    public string Password { get; }

    public static async Task<TinyProxy> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("dc-proxy-").FullName;
        var port = FreePort();
        var password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
        var config = Path.Combine(folder, "tinyproxy.conf");
        await File.WriteAllTextAsync(config, $"""
            Port {port}
            Listen 127.0.0.1
            Timeout 120
            MaxClients 50
            Allow 127.0.0.1
            BasicAuth connector {password}
            LogLevel Info
            """);
        var start = new ProcessStartInfo("tinyproxy", ["-d", "-c", config]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        var process = Process.Start(start) ?? throw new InvalidOperationException("tinyproxy did not start.");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var proxy = new TinyProxy(process, folder, port, "connector", password);
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return proxy;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        proxy.Dispose();
        throw new InvalidOperationException("tinyproxy did not listen within 10 s.");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
