using Amqp;
using Amqp.Sasl;
using Microsoft.Extensions.Logging;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// One AMQP connection with its <c>$cbs</c> and <c>$management</c> link pairs and the token renewer.
/// The transport replaces the whole scope when the connection closes. Authentication is SASL
/// ANONYMOUS followed by CBS put-token, as the service expects.
/// </summary>
internal sealed class AmqpConnectionScope : IAsyncDisposable
{
    private readonly Connection _connection;
    private readonly EventHubSourceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CbsTokenRenewer _renewer;
    private readonly SemaphoreSlim _linksGate = new(1, 1);
    private readonly string _hubAudience;
    private CbsClient? _cbs;
    private ManagementClient? _management;
    private bool _hubTracked;
    private volatile bool _disposing;

    private AmqpConnectionScope(Connection connection, EventHubSourceOptions options, TimeProvider time, ILogger logger)
    {
        _connection = connection;
        _options = options;
        _time = time;
        _logger = logger;
        _hubAudience = $"amqps://{options.FullyQualifiedNamespace}/{options.HubName}";
        _renewer = new CbsTokenRenewer(AuthorizeAsync, options.TokenLifetime, time, logger);
    }

    public bool IsClosed => _connection.IsClosed;

    public static async Task<AmqpConnectionScope> OpenAsync(EventHubSourceOptions options, CertificateValidator validator, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var websockets = options.Transport == EventHubTransportKind.WebSockets;
        var factory = websockets
            ? new ConnectionFactory([new WebSocketTransportFactory("AMQPWSB10") { Options = o => o.RemoteCertificateValidationCallback = validator.Validate }])
            : new ConnectionFactory();
        factory.SASL.Profile = SaslProfile.Anonymous;
        factory.SSL.RemoteCertificateValidationCallback = validator.Validate;
        factory.SSL.Protocols = System.Security.Authentication.SslProtocols.None;
        factory.TCP.NoDelay = true;
        var containerId = $"{options.HubName}-{Guid.NewGuid().ToString("N")[..8]}";
        factory.AMQP.ContainerId = containerId;
        factory.AMQP.HostName = options.FullyQualifiedNamespace;
        factory.AMQP.MaxFrameSize = 64 * 1024;
        factory.AMQP.IdleTimeout = 60_000;

        var address = options.Transport switch
        {
            EventHubTransportKind.WebSockets => new Address(options.FullyQualifiedNamespace, options.Port, null, null, EventHubConstants.WebSocketsPath, "wss"),
            EventHubTransportKind.Amqp => new Address(options.FullyQualifiedNamespace, options.Port, null, null, "/", "amqp"),
            _ => new Address(options.FullyQualifiedNamespace, options.Port, null, null, "/", "amqps"),
        };

        var opening = factory.CreateAsync(address, cancellationToken, null);
        Connection connection;
        try
        {
            connection = await opening.WaitAsync(options.OperationTimeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // A connection that completes after we gave up must not linger.
            _ = opening.ContinueWith(t => AmqpClose.Quietly(t.Result), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            var what = $"Connecting to {options.FullyQualifiedNamespace}:{options.Port}";
            throw e is TimeoutException
                ? new EventHubException(EventHubFailureReason.Timeout, true, $"{what} timed out after {options.OperationTimeout.TotalSeconds:0} s.", e)
                : EventHubErrors.FromException(EventHubOperation.Connect, what, e);
        }

        EventHubLog.ConnectionOpened(logger, containerId, options.FullyQualifiedNamespace, options.Port, options.Transport.ToString().ToLowerInvariant());
        var scope = new AmqpConnectionScope(connection, options, time, logger);
        connection.AddClosedCallback((_, error) =>
        {
            // Our own close at the end of a pull is not news; a close by the peer or the network is.
            if (!scope._disposing)
            {
                var failure = EventHubErrors.FromClose(EventHubOperation.Connect, "The connection", error);
                EventHubLog.ConnectionClosed(logger, containerId, failure.Reason, failure.Message);
            }
        });
        return scope;
    }

    /// <summary>Puts a fresh token for the hub itself and keeps it fresh while the connection lives.</summary>
    public async Task AuthorizeHubAsync(CancellationToken cancellationToken)
    {
        await AuthorizeAsync(_hubAudience, cancellationToken).ConfigureAwait(false);
        if (!_hubTracked)
        {
            _hubTracked = true;
            _renewer.Track(_hubAudience);
        }
    }

    public async Task<EventHubProperties> ReadHubAsync(CancellationToken cancellationToken)
    {
        var management = await ManagementAsync(cancellationToken).ConfigureAwait(false);
        return await management.ReadHubAsync(_options.HubName, CreateToken(out _), cancellationToken).ConfigureAwait(false);
    }

    public async Task<PartitionProperties> ReadPartitionAsync(string partitionId, CancellationToken cancellationToken)
    {
        var management = await ManagementAsync(cancellationToken).ConfigureAwait(false);
        return await management.ReadPartitionAsync(_options.HubName, partitionId, CreateToken(out _), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IPartitionReader> OpenReaderAsync(string partitionId, ReadPosition position, CancellationToken cancellationToken)
    {
        var audience = $"{_hubAudience}/ConsumerGroups/{_options.ConsumerGroup}/Partitions/{partitionId}";
        await AuthorizeAsync(audience, cancellationToken).ConfigureAwait(false);
        _renewer.Track(audience);
        try
        {
            return await AmqpPartitionReader.OpenAsync(_connection, _options, partitionId, position, _time, _logger, () => _renewer.Untrack(audience), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _renewer.Untrack(audience);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposing = true;
        await _renewer.DisposeAsync().ConfigureAwait(false);
        _cbs?.Close();
        _management?.Close();
        AmqpClose.Quietly(_connection);

        _linksGate.Dispose();
    }

    private async Task AuthorizeAsync(string audience, CancellationToken cancellationToken)
    {
        var cbs = await CbsAsync(cancellationToken).ConfigureAwait(false);
        var token = CreateToken(out var expiresAt);
        await cbs.PutTokenAsync(audience, token, expiresAt, cancellationToken).ConfigureAwait(false);
    }

    private string CreateToken(out DateTimeOffset expiresAt)
    {
        expiresAt = _time.GetUtcNow() + _options.TokenLifetime;
        var resource = SharedAccessSignature.HubResource(_options.FullyQualifiedNamespace, _options.HubName);
        return SharedAccessSignature.Create(resource, _options.SasPolicyName, _options.SasKey.Value, expiresAt);
    }

    private async Task<CbsClient> CbsAsync(CancellationToken cancellationToken)
    {
        if (_cbs is { IsClosed: false } cbs)
        {
            return cbs;
        }

        await _linksGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cbs is null || _cbs.IsClosed)
            {
                _cbs?.Close();
                _cbs = await CbsClient.OpenAsync(_connection, _options.OperationTimeout, cancellationToken).ConfigureAwait(false);
            }

            return _cbs;
        }
        finally
        {
            _linksGate.Release();
        }
    }

    private async Task<ManagementClient> ManagementAsync(CancellationToken cancellationToken)
    {
        if (_management is { IsClosed: false } management)
        {
            return management;
        }

        await AuthorizeHubAsync(cancellationToken).ConfigureAwait(false);
        await _linksGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_management is null || _management.IsClosed)
            {
                _management?.Close();
                _management = await ManagementClient.OpenAsync(_connection, _options.OperationTimeout, cancellationToken).ConfigureAwait(false);
            }

            return _management;
        }
        finally
        {
            _linksGate.Release();
        }
    }
}
