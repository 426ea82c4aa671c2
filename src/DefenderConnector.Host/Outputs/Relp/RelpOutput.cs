using DefenderConnector.Abstractions;
using DefenderConnector.Host.Outputs.Network;
using DefenderConnector.Host.Outputs.Syslog;
using Microsoft.Extensions.Logging;
using Polly;

namespace DefenderConnector.Host.Outputs.Relp;

/// <summary>
/// RELP into rsyslog-based collectors: each event is one RFC 5424 message in its own RELP transaction, and a
/// batch is confirmed only when the receiver has acknowledged every one. A batch with any message unacknowledged
/// (the receiver died, refused, or went silent) is sent again whole on a new session, with backoff: the receiver
/// may see some events twice, never zero times.
/// </summary>
internal sealed class RelpOutput : IOutput
{
    private readonly RelpOutputOptions _options;
    private readonly HostDeadLetterFile _deadLetters;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _retry;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private RelpSession? _session;

    public RelpOutput(RelpOutputOptions options, HostDeadLetterFile deadLetters, TimeProvider time, ILogger logger)
    {
        _options = options;
        _deadLetters = deadLetters;
        _time = time;
        _retry = DeliveryRetry.Build(options.Retry, time, (e, attempt, delay) => OutputLog.Retrying(logger, Kind, attempt + 1, delay.TotalSeconds, e.Message));
    }

    public string Kind => "relp";

    public string Destination => _options.Endpoint.Describe();

    public long DeadLettered => _deadLetters.Count;

    public async ValueTask WriteAsync(EventBatch batch, CancellationToken cancellationToken)
    {
        var header = Rfc5424Header.Build(_options.Facility, _options.Severity, _time.GetUtcNow(), _options.Hostname, _options.AppName, batch.Format);
        var (wire, rejected) = SyslogFrames.Build(batch, header, _options.MaxMessageBytes, Kind, octetCounted: false);
        var messages = Split(wire.WrittenMemory, header.Length, batch, rejected.Count);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (messages.Count > 0)
            {
                await _retry.ExecuteAsync(async token => await SendAsync(messages, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }

        await _deadLetters.AppendAsync(rejected, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The framed messages, one slice each (header plus event), in batch order without the rejected ones.</summary>
    private List<ReadOnlyMemory<byte>> Split(ReadOnlyMemory<byte> wire, int headerLength, EventBatch batch, int rejectedCount)
    {
        var messages = new List<ReadOnlyMemory<byte>>(batch.Events.Count - rejectedCount);
        var offset = 0;
        foreach (var item in batch.Events)
        {
            var length = headerLength + item.Length;
            if (length > _options.MaxMessageBytes)
            {
                continue;
            }

            messages.Add(wire.Slice(offset, length));
            offset += length;
        }

        return messages;
    }

    private async ValueTask SendAsync(List<ReadOnlyMemory<byte>> messages, CancellationToken cancellationToken)
    {
        _session ??= await RelpSession.OpenAsync(_options.Endpoint, _options.AckTimeout, cancellationToken).ConfigureAwait(false);
        try
        {
            await _session.SendAsync(messages, _options.AckTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Unacknowledged transactions cannot be resumed on this session: the batch goes again on a new one.
            await DropSessionAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async ValueTask DropSessionAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync().ConfigureAwait(false);
            _session = null;
        }
    }

    public Task<ConnectivityReport> ProbeAsync(CancellationToken cancellationToken) =>
        NetworkProbe.RunAsync(Kind, _options.Endpoint, (connection, token) => RelpSession.ProbeAsync(connection, _options.Endpoint, _options.AckTimeout, token), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await DropSessionAsync().ConfigureAwait(false);
        await _deadLetters.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}
