using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace DefenderConnector.Host.Outputs.Network;

/// <summary>
/// One TCP connection to a receiver, with TLS when configured: the receiver's certificate must chain to the
/// pinned CA bundle (or the system store) and carry the configured name. Failures come out as
/// <see cref="OutputDeliveryException"/> with a plain diagnosis and the transient flag set.
/// </summary>
internal sealed class NetworkConnection : IAsyncDisposable
{
    private readonly Socket _socket;

    private NetworkConnection(Socket socket, Stream stream)
    {
        _socket = socket;
        Stream = stream;
    }

    public Stream Stream { get; }

    /// <summary>The negotiated TLS protocol and cipher, or "plain TCP".</summary>
    public string Security => Stream is SslStream ssl ? $"{ssl.SslProtocol}, {ssl.NegotiatedCipherSuite}" : "plain TCP";

    public static async Task<NetworkConnection> OpenAsync(NetworkEndpointOptions options, string output, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(options.Host, options.Port, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw NetworkFailureClassifier.Connect(e, options, output);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var network = new NetworkStream(socket, ownsSocket: true);
        if (!options.Tls)
        {
            return new NetworkConnection(socket, network);
        }

        var validation = new CertificateCheck(options);
        var ssl = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = options.ServerName,
                    RemoteCertificateValidationCallback = validation.Validate,
                    ClientCertificates = options.ClientCertificate is null ? null : [options.ClientCertificate],
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                },
                timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw NetworkFailureClassifier.Handshake(e, validation.Problem, options, output);
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new NetworkConnection(socket, ssl);
    }

    /// <summary>
    /// Completes when the receiver closes, resets or refuses the connection. Only for one-way protocols
    /// (syslog), where nothing else reads: a TLS 1.3 receiver that rejects the client's certificate says so
    /// only after the handshake, and a receiver that restarts says so with a FIN the writer would not see.
    /// </summary>
    public Task<string> Closed => _closed ??= WatchAsync();

    private Task<string>? _closed;

    /// <summary>True when the receiver has closed or reset its side (checked before reusing the connection).</summary>
    public bool PeerClosed() => (_closed?.IsCompleted ?? false) || !_socket.Connected;

    private async Task<string> WatchAsync()
    {
        var buffer = new byte[512];
        try
        {
            while (await Stream.ReadAsync(buffer).ConfigureAwait(false) > 0)
            {
                // A syslog receiver sends nothing; whatever arrives is ignored.
            }

            return "the receiver closed the connection";
        }
        catch (Exception e) when (e is IOException or AuthenticationException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            return $"the receiver ended the connection ({e.GetBaseException().Message})";
        }
    }

    public async ValueTask DisposeAsync() => await Stream.DisposeAsync().ConfigureAwait(false);
}
