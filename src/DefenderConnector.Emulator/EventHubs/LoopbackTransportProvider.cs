using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using Amqp;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>
/// Accepts TCP connections on a loopback endpoint (port 0 = a free port, known before clients connect),
/// completes TLS when a certificate is given, and hands ready transports to AMQPNetLite's listener. Each
/// accept and TLS handshake runs on its own, so a slow or failing client does not hold up the others.
/// </summary>
internal sealed class LoopbackTransportProvider : TransportProvider
{
    static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(30);
    readonly TcpListener listener;
    readonly X509Certificate2? certificate;
    readonly Channel<IAsyncTransport> ready = Channel.CreateUnbounded<IAsyncTransport>();
    readonly HashSet<OrderedStreamTransport> open = new();
    readonly CancellationTokenSource stopping = new();

    public LoopbackTransportProvider(IPAddress address, int port, X509Certificate2? certificate)
    {
        this.certificate = certificate;
        this.AddressSchemes = ["amqp"];
        this.listener = new TcpListener(address, port);
        this.listener.Start();
        this.Port = ((IPEndPoint)this.listener.LocalEndpoint).Port;
        _ = this.AcceptLoopAsync();
    }

    public int Port { get; }

    public override async Task<IAsyncTransport> CreateAsync(Address address)
    {
        try
        {
            return await this.ready.Reader.ReadAsync(this.stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new ObjectDisposedException(nameof(LoopbackTransportProvider));
        }
    }

    /// <summary>Drops every client socket without an AMQP close.</summary>
    public void AbortAll()
    {
        foreach (var transport in this.Snapshot()) { transport.Abort(); }
    }

    public override void Dispose()
    {
        this.stopping.Cancel();
        this.listener.Stop();
        this.AbortAll();
    }

    IReadOnlyList<OrderedStreamTransport> Snapshot()
    {
        lock (this.open) { return this.open.ToList(); }
    }

    async Task AcceptLoopAsync()
    {
        while (!this.stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await this.listener.AcceptSocketAsync(this.stopping.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = this.PrepareAsync(socket);
        }
    }

    async Task PrepareAsync(Socket socket)
    {
        socket.NoDelay = true;
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            if (this.certificate is not null)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = tls;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(this.stopping.Token);
                timeout.CancelAfter(HandshakeTimeout);
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = this.certificate },
                    timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
        {
            // A client that does not trust the certificate, or gives up, simply goes away.
            await stream.DisposeAsync().ConfigureAwait(false);
            return;
        }

        var transport = new OrderedStreamTransport(stream, this.Forget);
        lock (this.open) { this.open.Add(transport); }

        if (!this.ready.Writer.TryWrite(transport)) { transport.Abort(); }
    }

    void Forget(OrderedStreamTransport transport)
    {
        lock (this.open) { this.open.Remove(transport); }
    }
}
