using System.Buffers;
using System.Buffers.Text;
using System.Text;
using DefenderConnector.Host.Outputs.Network;

namespace DefenderConnector.Host.Outputs.Relp;

/// <summary>
/// A RELP client session over one connection: <c>open</c> offers relp_version 0 and the <c>syslog</c> command,
/// each event goes as a <c>syslog</c> frame with its own transaction number, and the batch counts as delivered
/// only when every frame has its <c>rsp 200</c>. Frames are pipelined (written while acknowledgements are read)
/// so a batch costs one round trip, not one per event.
/// </summary>
internal sealed class RelpSession : IAsyncDisposable
{
    private readonly NetworkConnection _connection;
    private readonly RelpFrameReader _reader;
    private readonly NetworkEndpointOptions _endpoint;
    private int _txnr;

    private RelpSession(NetworkConnection connection, NetworkEndpointOptions endpoint)
    {
        _connection = connection;
        _endpoint = endpoint;
        _reader = new RelpFrameReader(connection.Stream);
    }

    /// <summary>What the receiver answered to <c>open</c> (its software and commands), for reports.</summary>
    public string ServerOffer { get; private set; } = "";

    public static async Task<RelpSession> OpenAsync(NetworkEndpointOptions endpoint, TimeSpan ackTimeout, CancellationToken cancellationToken)
    {
        var connection = await NetworkConnection.OpenAsync(endpoint, "relp", cancellationToken).ConfigureAwait(false);
        var session = new RelpSession(connection, endpoint);
        try
        {
            await session.HandshakeAsync(ackTimeout, cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens a RELP session on a connection test-connectivity already holds, then closes it.</summary>
    public static async Task<string> ProbeAsync(NetworkConnection connection, NetworkEndpointOptions endpoint, TimeSpan ackTimeout, CancellationToken cancellationToken)
    {
        var session = new RelpSession(connection, endpoint);
        await session.HandshakeAsync(ackTimeout, cancellationToken).ConfigureAwait(false);
        await session.CloseAsync(cancellationToken).ConfigureAwait(false);
        return $"RELP session opened and closed; the receiver offers {session.ServerOffer}";
    }

    private async Task HandshakeAsync(TimeSpan ackTimeout, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var txnr = NextTxnr();
        WriteFrame(buffer, txnr, "open", Encoding.ASCII.GetBytes(RelpConstants.OpenOffer));
        var reply = await ExchangeAsync(buffer.WrittenMemory, [txnr], ackTimeout, cancellationToken).ConfigureAwait(false);
        var offer = reply[0].Text;
        if (!offer.Contains("commands=", StringComparison.Ordinal) || !offer.Split('\n').Any(l => l.StartsWith("commands=", StringComparison.Ordinal) && l[9..].Split(',').Contains("syslog")))
        {
            throw new OutputDeliveryException($"relp output {_endpoint.Describe()}: the receiver does not offer the syslog command ({Summarize(offer)}).", false, stage: "session");
        }

        ServerOffer = Summarize(offer);
    }

    /// <summary>Sends every message and returns when each is acknowledged with 200; throws otherwise.</summary>
    public async Task SendAsync(IReadOnlyList<ReadOnlyMemory<byte>> messages, TimeSpan ackTimeout, CancellationToken cancellationToken)
    {
        var total = 0;
        foreach (var message in messages)
        {
            total += message.Length + 32;
        }

        var buffer = new ArrayBufferWriter<byte>(Math.Max(total, 256));
        var txnrs = new int[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            txnrs[i] = NextTxnr();
            WriteFrame(buffer, txnrs[i], "syslog", messages[i].Span);
        }

        await ExchangeAsync(buffer.WrittenMemory, txnrs, ackTimeout, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RelpFrame[]> ExchangeAsync(ReadOnlyMemory<byte> frames, int[] txnrs, TimeSpan ackTimeout, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var replies = ReadRepliesAsync(txnrs, linked.Token);
        try
        {
            await _connection.Stream.WriteAsync(frames, linked.Token).ConfigureAwait(false);
            await _connection.Stream.FlushAsync(linked.Token).ConfigureAwait(false);
            linked.CancelAfter(ackTimeout);
            return await replies.ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OutputDeliveryException($"relp output {_endpoint.Describe()}: the receiver did not acknowledge within {ackTimeout.TotalSeconds:0} s.", true, e);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            throw NetworkFailureClassifier.Broken(e, _endpoint, "relp");
        }
        finally
        {
            await linked.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(replies).ConfigureAwait(false);
        }
    }

    private async Task<RelpFrame[]> ReadRepliesAsync(int[] txnrs, CancellationToken cancellationToken)
    {
        var replies = new RelpFrame[txnrs.Length];
        for (var i = 0; i < txnrs.Length; i++)
        {
            var frame = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new IOException($"the receiver closed the session with {txnrs.Length - i} of {txnrs.Length} messages unacknowledged");
            if (frame.Command == "serverclose")
            {
                throw new IOException($"the receiver closed the session (serverclose) with {txnrs.Length - i} of {txnrs.Length} messages unacknowledged");
            }

            if (frame.Command != "rsp" || frame.Txnr != txnrs[i])
            {
                throw new IOException($"expected rsp for transaction {txnrs[i]}, the receiver sent {frame.Command} {frame.Txnr}");
            }

            if (frame.Status != 200)
            {
                throw new OutputDeliveryException($"relp output {_endpoint.Describe()}: the receiver refused a message: {Summarize(frame.Text)}.", true);
            }

            replies[i] = frame;
        }

        return replies;
    }

    private async Task CloseAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(32);
        var txnr = NextTxnr();
        WriteFrame(buffer, txnr, "close", ReadOnlySpan<byte>.Empty);
        await _connection.Stream.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await _connection.Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private int NextTxnr() => _txnr = _txnr >= RelpConstants.MaxTxnr ? 1 : _txnr + 1;

    private static void WriteFrame(ArrayBufferWriter<byte> buffer, int txnr, string command, ReadOnlySpan<byte> data)
    {
        var span = buffer.GetSpan(48);
        Utf8Formatter.TryFormat(txnr, span, out var written);
        span[written++] = (byte)' ';
        written += Encoding.ASCII.GetBytes(command, span[written..]);
        span[written++] = (byte)' ';
        Utf8Formatter.TryFormat(data.Length, span[written..], out var lengthBytes);
        written += lengthBytes;
        if (data.Length > 0)
        {
            span[written++] = (byte)' ';
        }

        buffer.Advance(written);
        buffer.Write(data);
        buffer.Write("\n"u8);
    }

    private static string Summarize(string text) => text.Replace('\n', ' ').Trim() is var flat && flat.Length > 200 ? flat[..200] : flat;

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await CloseAsync(quick.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            // The receiver is gone; nothing to close politely.
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
