using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace DefenderConnector.IntegrationTests.Support;

/// <summary>
/// A real authenticating HTTP proxy for tests: Debian's tinyproxy (installed by test.sh), started in the
/// foreground on a free loopback port with Basic authentication for a generated user name and password.
/// Its configuration and log live in a temporary folder that goes away with the fixture; the process is
/// killed on dispose. Tinyproxy tunnels CONNECT to any port and allows only 127.0.0.1 as a client.
/// Use <see cref="CreateWebProxy"/> (e.g. for <c>EventHubConnectionOptions.Proxy</c>) or <see cref="Address"/>,
/// <see cref="Url"/>, <see cref="UserName"/> and <see cref="Password"/> for the product's proxy settings; <see cref="Log"/>
/// and <see cref="TunnelsTo"/> show which tunnels went through it. On a wrong password
/// tinyproxy answers a CONNECT with "401 Unauthorized" (it answers 407 only when no credentials came).
/// </summary>
internal sealed class HttpProxy : IAsyncDisposable
{
    readonly Process process;
    readonly string directory;

    HttpProxy(Process process, string directory, int port, string userName, string password)
    {
        this.process = process;
        this.directory = directory;
        this.Port = port;
        this.UserName = userName;
        this.Password = password;
    }

    public int Port { get; }

    /// <summary>The proxy URL as the product's <c>proxy.url</c> setting takes it (no trailing slash).</summary>
    public string Url => $"http://127.0.0.1:{this.Port}";

    public Uri Address => new(this.Url);

    public string UserName { get; }

    public string Password { get; }

    /// <summary>What tinyproxy logged so far (connections it tunnelled or refused).</summary>
    public string Log
    {
        get
        {
            string path = Path.Combine(this.directory, "tinyproxy.log");
            if (!File.Exists(path)) { return string.Empty; }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    public static async Task<HttpProxy> StartAsync()
    {
        string binary = new[] { "/usr/bin/tinyproxy", "/usr/sbin/tinyproxy" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("tinyproxy is missing; run ./test.sh (it installs Debian's tinyproxy).");
        string userName = "siem-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
        string password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        string directory = Path.Combine(Path.GetTempPath(), "dc-proxy-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        for (int attempt = 1; ; attempt++)
        {
            int port = FreePort();
            string config = Path.Combine(directory, "tinyproxy.conf");
            File.WriteAllLines(config,
            [
                $"Port {port}",
                "Listen 127.0.0.1",
                "Allow 127.0.0.1",
                "Timeout 120",
                "MaxClients 100",
                $"BasicAuth {userName} {password}",
                "DisableViaHeader Yes",
                "LogLevel Info",
                $"LogFile \"{Path.Combine(directory, "tinyproxy.log")}\"",
            ]);
            var start = new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-d");
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(config);
            var process = Process.Start(start) ?? throw new InvalidOperationException("tinyproxy could not be started.");
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (await WaitUntilListeningAsync(process, port))
            {
                return new HttpProxy(process, directory, port, userName, password);
            }

            Stop(process);
            if (attempt >= 5)
            {
                Directory.Delete(directory, recursive: true);
                throw new InvalidOperationException("tinyproxy did not start listening on a loopback port.");
            }
        }
    }

    /// <summary>How many tunnels (CONNECT) to 127.0.0.1:<paramref name="port"/> the proxy logged.</summary>
    public int TunnelsTo(int port) => this.Log.Split('\n').Count(l => l.Contains($"CONNECT 127.0.0.1:{port} ", StringComparison.Ordinal));

    /// <summary>A <see cref="WebProxy"/> for this proxy with its credentials, or with another password.</summary>
    public WebProxy CreateWebProxy(string? password = null) =>
        new(this.Address) { Credentials = new NetworkCredential(this.UserName, password ?? this.Password), BypassProxyOnLocal = false };

    public ValueTask DisposeAsync()
    {
        Stop(this.process);
        try { Directory.Delete(this.directory, recursive: true); }
        catch (IOException) { /* the log may still be open for a moment */ }

        return ValueTask.CompletedTask;
    }

    static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited) { process.Kill(entireProcessTree: true); }

            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static async Task<bool> WaitUntilListeningAsync(Process process, int port)
    {
        for (int i = 0; i < 200 && !process.HasExited; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        return false;
    }
}
