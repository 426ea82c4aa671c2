using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DefenderConnector.IntegrationTests.Outputs;

/// <summary>
/// A real rsyslog (Debian's rsyslogd, installed by test.sh) in the foreground on a loopback port, with a
/// generated configuration: imtcp (plain or gtls) or imrelp in, the message part of each syslog message out to
/// a file, one per line. The main queue is direct, so a message is in the file before imrelp acknowledges it.
/// </summary>
internal sealed class RsyslogReceiver : IDisposable
{
    private readonly string _folder;
    private readonly ReceiverMode _mode;
    private Process? _process;

    public RsyslogReceiver(string folder, ReceiverMode mode, TestPki? pki = null)
    {
        _folder = Path.Combine(folder, "rsyslog");
        _mode = mode;
        Pki = pki;
        Directory.CreateDirectory(Path.Combine(_folder, "work"));
        Port = FreePort();
        ReceivedFile = Path.Combine(_folder, "received.log");
        File.WriteAllText(ConfigFile, Config());
    }

    public int Port { get; }

    public TestPki? Pki { get; }

    public string ReceivedFile { get; }

    private string ConfigFile => Path.Combine(_folder, "rsyslog.conf");

    public static string Executable => File.Exists("/usr/sbin/rsyslogd") ? "/usr/sbin/rsyslogd" : "rsyslogd";

    public async Task StartAsync()
    {
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-n", "-f", ConfigFile, "-i", Path.Combine(_folder, "rsyslogd.pid") })
        {
            info.ArgumentList.Add(argument);
        }

        File.Delete(Path.Combine(_folder, "rsyslogd.pid"));
        _process = Process.Start(info) ?? throw new InvalidOperationException("rsyslogd did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (Errors) { Errors.AppendLine(e.Data); } } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"rsyslogd exited ({_process.ExitCode}): {Errors}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"rsyslogd never listened on {Port}: {Errors}");
    }

    public StringBuilder Errors { get; } = new();

    /// <summary>SIGKILL: no flush, no goodbye.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    /// <summary>What rsyslog has written so far, one payload per line (a torn last line is left out).</summary>
    public List<string> ReadPayloads()
    {
        if (!File.Exists(ReceivedFile))
        {
            return [];
        }

        using var stream = new FileStream(ReceivedFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, new UTF8Encoding(false));
        var text = reader.ReadToEnd();
        var end = text.LastIndexOf('\n');
        return end < 0 ? [] : [.. text[..end].Split('\n')];
    }

    public int CountPayloads()
    {
        if (!File.Exists(ReceivedFile))
        {
            return 0;
        }

        using var stream = new FileStream(ReceivedFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var buffer = new byte[1 << 16];
        var count = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            count += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return count;
    }

    private string Config()
    {
        var tls = _mode is ReceiverMode.Tls or ReceiverMode.MutualTls
            ? $"""
              defaultNetstreamDriverCAFile="{Pki!.CaFile}"
              defaultNetstreamDriverCertFile="{Pki.CertificateFile}"
              defaultNetstreamDriverKeyFile="{Pki.KeyFile}"
              """
            : "";
        var input = _mode switch
        {
            ReceiverMode.Tls => $"""
                module(load="imtcp" streamDriver.name="gtls" streamDriver.mode="1" streamDriver.authMode="anon")
                input(type="imtcp" port="{Port}" address="127.0.0.1")
                """,
            ReceiverMode.MutualTls => $"""
                module(load="imtcp" streamDriver.name="gtls" streamDriver.mode="1" streamDriver.authMode="x509/certvalid")
                input(type="imtcp" port="{Port}" address="127.0.0.1")
                """,
            ReceiverMode.Relp => $"""
                module(load="imrelp")
                input(type="imrelp" port="{Port}" address="127.0.0.1" maxDataSize="256k")
                """,
            ReceiverMode.RelpTls => $"""
                module(load="imrelp")
                input(type="imrelp" port="{Port}" address="127.0.0.1" maxDataSize="256k" tls="on"
                      tls.caCert="{Pki!.CaFile}" tls.myCert="{Pki.CertificateFile}" tls.myPrivKey="{Pki.KeyFile}" tls.authMode="certvalid")
                """,
            _ => $"""
                module(load="imtcp")
                input(type="imtcp" port="{Port}" address="127.0.0.1")
                """,
        };
        return $"""
            global(workDirectory="{Path.Combine(_folder, "work")}" maxMessageSize="256k"
            {tls})
            main_queue(queue.type="Direct")
            template(name="payload" type="string" string="%msg%\n")
            {input}
            action(type="omfile" file="{ReceivedFile}" template="payload" flushOnTXEnd="on" asyncWriting="off")
            """;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => Kill();
}
