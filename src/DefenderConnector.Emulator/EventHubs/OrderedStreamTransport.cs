using System.Net.Sockets;
using System.Threading.Channels;
using Amqp;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>
/// An AMQPNetLite transport over a socket stream (plain or TLS) with one correction: the server's AMQP
/// protocol header (and everything after it) is held back until the client's AMQP header has arrived.
/// AMQPNetLite's listener sends header and open straight after the SASL outcome; when those bytes reach
/// rhea (the JS client) in the same read as the outcome, rhea parks them and never parses them, and the
/// connection hangs. The real service answers the client's header, which is what this restores. Every
/// frame is also written with all its performative's fields (<see cref="FrameFieldPadding"/>).
/// Writes are queued and written by one loop, so callers never block on the socket.
/// </summary>
internal sealed class OrderedStreamTransport : IAsyncTransport
{
    static readonly byte[] AmqpHeaderStart = "AMQP\0"u8.ToArray();
    readonly Stream stream;
    readonly Channel<byte[]> writes = Channel.CreateUnbounded<byte[]>();
    readonly List<byte[]> held = new();
    readonly object gate = new();
    readonly Action<OrderedStreamTransport> onClosed;
    readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    ReadOnlyMemory<byte> prefix;
    byte[] receivedTail = [];
    bool clientHeaderSeen;
    bool holding;

    /// <param name="stream">The socket or TLS stream.</param>
    /// <param name="prefix">Bytes already read from the stream (the start of the client's first header).</param>
    /// <param name="onClosed">Called once the stream is gone.</param>
    public OrderedStreamTransport(Stream stream, ReadOnlyMemory<byte> prefix, Action<OrderedStreamTransport> onClosed)
    {
        this.stream = stream;
        this.prefix = prefix;
        this.onClosed = onClosed;
        _ = this.WriteLoopAsync();
    }

    /// <summary>Completes once the stream is gone (closed, aborted or dropped by the peer).</summary>
    public Task Completion => this.closed.Task;

    public void SetConnection(Connection connection)
    {
    }

    public async Task<int> ReceiveAsync(byte[] buffer, int offset, int count)
    {
        int received;
        if (!this.prefix.IsEmpty)
        {
            received = Math.Min(count, this.prefix.Length);
            this.prefix[..received].CopyTo(buffer.AsMemory(offset, received));
            this.prefix = this.prefix[received..];
        }
        else
        {
            received = await this.stream.ReadAsync(buffer.AsMemory(offset, count)).ConfigureAwait(false);
        }

        if (received == 0)
        {
            throw new SocketException((int)SocketError.ConnectionReset);
        }

        if (!Volatile.Read(ref this.clientHeaderSeen)) { this.Inspect(buffer.AsSpan(offset, received)); }

        return received;
    }

    public Task SendAsync(IList<ByteBuffer> bufferList, int listSize)
    {
        foreach (var buffer in bufferList) { this.Send(buffer); }

        return Task.CompletedTask;
    }

    public void Send(ByteBuffer buffer)
    {
        byte[] bytes = FrameFieldPadding.Pad(buffer.Buffer.AsSpan(buffer.Offset, buffer.Length).ToArray());
        lock (this.gate)
        {
            if (!this.clientHeaderSeen && !this.holding && bytes.AsSpan().StartsWith(AmqpHeaderStart))
            {
                this.holding = true;
            }

            if (this.holding) { this.held.Add(bytes); return; }
        }

        this.writes.Writer.TryWrite(bytes);
    }

    public int Receive(byte[] buffer, int offset, int count) => this.ReceiveAsync(buffer, offset, count).GetAwaiter().GetResult();

    /// <summary>Graceful close: queued frames are written first.</summary>
    public void Close() => this.writes.Writer.TryComplete();

    /// <summary>Abrupt close: the socket goes away now, as when a network path drops.</summary>
    public void Abort()
    {
        this.writes.Writer.TryComplete();
        this.stream.Dispose();
    }

    // AMQPNetLite's listener negotiates SASL for one accepted transport at a time: a client that connects
    // and never gets through SASL would stall every later client, so it is cut off.
    // The clock starts when the listener takes the transport, so clients queued behind a silent one keep their full time.
    public async Task AbortIfSilentAsync(TimeSpan timeout)
    {
        await Task.Delay(timeout).ConfigureAwait(false);
        if (!Volatile.Read(ref this.clientHeaderSeen)) { this.Abort(); }
    }

    void Inspect(ReadOnlySpan<byte> received)
    {
        // The header can straddle two reads: look at the previous read's last bytes too.
        byte[] window = [.. this.receivedTail, .. received];
        if (window.AsSpan().IndexOf(AmqpHeaderStart) < 0)
        {
            this.receivedTail = window[Math.Max(0, window.Length - (AmqpHeaderStart.Length - 1))..];
            return;
        }

        lock (this.gate)
        {
            this.clientHeaderSeen = true;
            this.holding = false;
            foreach (var bytes in this.held) { this.writes.Writer.TryWrite(bytes); }

            this.held.Clear();
        }
    }

    async Task WriteLoopAsync()
    {
        try
        {
            await foreach (var bytes in this.writes.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                await this.stream.WriteAsync(bytes).ConfigureAwait(false);
                if (this.writes.Reader.Count == 0) { await this.stream.FlushAsync().ConfigureAwait(false); }
            }
        }
        catch (IOException)
        {
            // The peer went away; the pending read fails too and the connection closes itself.
        }
        catch (ObjectDisposedException)
        {
            // Aborted.
        }
        finally
        {
            await this.stream.DisposeAsync().ConfigureAwait(false);
            this.onClosed(this);
            this.closed.TrySetResult();
        }
    }
}
