using System.Globalization;
using System.Net.Sockets;
using System.Text;
using DefenderConnector.Configuration;
using DefenderConnector.Pulling;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// The connectivity probe's HTTP CONNECT through <c>eventHub.proxy</c> on an open socket, with Basic
/// credentials when configured, so a refused password is told apart from a refused destination.
/// Only the status line is reported; the credentials are never echoed.
/// </summary>
internal static class ProxyTunnel
{
    public static async Task<string> OpenAsync(Socket socket, ProxySettings proxy, string host, int port, CancellationToken cancellationToken)
    {
        var request = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"CONNECT {host}:{port} HTTP/1.1\r\nHost: {host}:{port}\r\n");
        if (proxy.Username is not null)
        {
            var pair = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{proxy.Username}:{proxy.Password?.Value}"));
            request.Append(CultureInfo.InvariantCulture, $"Proxy-Authorization: Basic {pair}\r\n");
        }

        request.Append("\r\n");
        await socket.SendAsync(Encoding.ASCII.GetBytes(request.ToString()), cancellationToken).ConfigureAwait(false);

        // Read the response head byte by byte: whatever follows it belongs to the tunnel.
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && head.Length < 16 * 1024)
        {
            if (await socket.ReceiveAsync(one, cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new ConnectorException(EventHubFailureReason.ConnectionLost, true, $"The proxy {proxy.Url} closed the connection before answering CONNECT {host}:{port}.");
            }

            head.Append((char)one[0]);
        }

        var status = head.ToString().Split("\r\n", 2)[0];
        var parts = status.Split(' ', 3);
        var code = parts.Length >= 2 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var c) ? c : 0;
        return code switch
        {
            >= 200 and < 300 => status,
            401 or 407 => throw new ConnectorException(EventHubFailureReason.ProxyAuthenticationFailed, false,
                $"The proxy {proxy.Url} refused the credentials of user '{proxy.Username ?? "(none)"}' ({EventHubErrors.Redact(status)})."),
            _ => throw new ConnectorException(EventHubFailureReason.ConnectionRefused, false,
                $"The proxy {proxy.Url} refused the tunnel to {host}:{port} ({EventHubErrors.Redact(status)})."),
        };
    }
}
