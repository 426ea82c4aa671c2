using DefenderConnector.Abstractions;
using DefenderConnector.Host.Outputs.Network;
using Microsoft.Extensions.Logging;
using Polly;

namespace DefenderConnector.Host.Outputs.Syslog;

/// <summary>
/// Syslog over TCP (RFC 6587 octet counting) or TLS (RFC 5425). One connection, batches serialized on it.
/// A batch is confirmed when every byte has been handed to the connection and flushed; syslog has no
/// application acknowledgement, so bytes in flight when a receiver dies can be lost without the connector
/// knowing (use the RELP output where that matters). A connection the receiver has closed is noticed before
/// the next batch and replaced; a write that fails re-sends the whole batch on a new connection, with backoff.
/// </summary>
internal sealed class SyslogOutput : IOutput
{
    private readonly SyslogOutputOptions _options;
    private readonly HostDeadLetterFile _deadLetters;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _retry;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private NetworkConnection? _connection;

    public SyslogOutput(SyslogOutputOptions options, HostDeadLetterFile deadLetters, TimeProvider time, ILogger logger)
    {
        _options = options;
        _deadLetters = deadLetters;
        _time = time;
        _retry = DeliveryRetry.Build(options.Retry, time, (e, attempt, delay) => OutputLog.Retrying(logger, Kind, attempt + 1, delay.TotalSeconds, e.Message));
    }

    public string Kind => "syslog";

    public string Destination => _options.Endpoint.Describe();

    public long DeadLettered => _deadLetters.Count;

    public async ValueTask WriteAsync(EventBatch batch, CancellationToken cancellationToken)
    {
        var header = Rfc5424Header.Build(_options.Facility, _options.Severity, _time.GetUtcNow(), _options.Hostname, _options.AppName, batch.Format);
        var (wire, rejected) = SyslogFrames.Build(batch, header, _options.MaxMessageBytes, Kind, octetCounted: true);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (wire.WrittenCount > 0)
            {
                await _retry.ExecuteAsync(async token => await SendAsync(wire.WrittenMemory, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }

        await _deadLetters.AppendAsync(rejected, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask SendAsync(ReadOnlyMemory<byte> wire, CancellationToken cancellationToken)
    {
        if (_connection is not null && _connection.PeerClosed())
        {
            await DropConnectionAsync().ConfigureAwait(false);
        }

        if (_connection is null)
        {
            var connection = await NetworkConnection.OpenAsync(_options.Endpoint, Kind, cancellationToken).ConfigureAwait(false);
            _connection = connection;

            // A receiver that refuses the session after the handshake (TLS 1.3 client certificate checks) does so
            // within moments; waiting for that once per connection keeps a first batch from vanishing into it.
            if (await Task.WhenAny(connection.Closed, Task.Delay(SyslogConstants.SettleTime, _time, cancellationToken)).ConfigureAwait(false) == connection.Closed)
            {
                await DropConnectionAsync().ConfigureAwait(false);
                throw new OutputDeliveryException($"{Kind} output {Destination}: {await connection.Closed.ConfigureAwait(false)} right after the handshake{(_options.Endpoint.Tls && _options.Endpoint.ClientCertificate is null ? " (it may require a client certificate: set clientCertificate)" : "")}.", true, stage: "tls");
            }
        }

        try
        {
            await _connection.Stream.WriteAsync(wire, cancellationToken).ConfigureAwait(false);
            await _connection.Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (_connection.Closed.IsCompleted)
            {
                // The receiver went away while the batch was on its way: part of it may not have arrived.
                throw new IOException(await _connection.Closed.ConfigureAwait(false));
            }
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            await DropConnectionAsync().ConfigureAwait(false);
            throw NetworkFailureClassifier.Broken(e, _options.Endpoint, Kind);
        }
        catch (OperationCanceledException)
        {
            // A half-written frame would corrupt the stream for the next batch.
            await DropConnectionAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async ValueTask DropConnectionAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
        }
    }

    public Task<ConnectivityReport> ProbeAsync(CancellationToken cancellationToken) =>
        NetworkProbe.RunAsync(Kind, _options.Endpoint, null, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await DropConnectionAsync().ConfigureAwait(false);
        await _deadLetters.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}
