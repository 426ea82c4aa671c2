using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using Amqp;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>
/// Accepts TCP connections on a loopback endpoint (port 0 = a free port, known before clients connect),
/// completes TLS when a certificate is given, and hands transports to AMQPNetLite's listener once the client
/// has sent its first bytes. The listener negotiates SASL with one transport at a time, so a socket that is
/// opened and left silent (a TCP or TLS reachability probe) must never reach it; accepts, handshakes and
/// that first read run on their own for each client.
/// </summary>
internal sealed class LoopbackTransportProvider : TransportProvider
{
    static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(15);
    readonly TcpListener listener;
    readonly X509Certificate2? certificate;
    readonly Channel<OrderedStreamTransport> ready = Channel.CreateUnbounded<OrderedStreamTransport>();
    readonly HashSet<OrderedStreamTransport> open = new();
    readonly CancellationTokenSource stopping = new();

    // Never completed: what a stopped provider hands the listener (see CreateAsync).
    readonly TaskCompletionSource<IAsyncTransport> stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
            var transport = await this.ready.Reader.ReadAsync(this.stopping.Token).ConfigureAwait(false);
            _ = transport.AbortIfSilentAsync(HandshakeTimeout);
            return transport;
        }
        catch (OperationCanceledException)
        {
            // AMQPNetLite's accept loop for a custom transport provider calls again at once after any
            // exception and is never told the listener closed, so failing here would spin it on a core
            // for the rest of the process. A stopped provider never answers: the loop waits for good.
            return await this.stopped.Task.ConfigureAwait(false);
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

        await this.AdoptAsync(stream).ConfigureAwait(false);
    }

    /// <summary>
    /// Hands a connected stream (a socket, TLS or WebSocket stream) to the AMQP listener once the client has
    /// sent its first bytes; the returned task completes when that connection's stream is gone.
    /// </summary>
    public async Task<Task> AdoptAsync(Stream stream)
    {
        byte[] first = new byte[8];
        int read;
        try
        {
            read = await stream.ReadAsync(first, this.stopping.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
            read = 0;
        }

        if (read == 0)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            return Task.CompletedTask;
        }

        var transport = new OrderedStreamTransport(stream, first.AsMemory(0, read), this.Forget);
        lock (this.open) { this.open.Add(transport); }

        if (!this.ready.Writer.TryWrite(transport)) { transport.Abort(); }

        return transport.Completion;
    }

    void Forget(OrderedStreamTransport transport)
    {
        lock (this.open) { this.open.Remove(transport); }
    }
}
