using Microsoft.Extensions.Logging;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// The Event Hubs consumer over AMQP 1.0 (AMQPNetLite): one connection, opened on first use and
/// reopened on the next call after it closed; CBS put-token before every receiver attach with
/// renewal while links are open; hub and partition reads on <c>$management</c>; partition receivers
/// with position filters and an optional owner level. Every failure leaves as a classified
/// <see cref="EventHubException"/> whose message holds neither key nor token.
/// </summary>
internal sealed class AmqpEventHubTransport : IEventHubTransport
{
    private readonly EventHubSourceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AmqpConnectionScope? _scope;
    private bool _disposed;

    public AmqpEventHubTransport(EventHubSourceOptions options, TimeProvider time, ILoggerFactory loggerFactory)
    {
        _options = options;
        _time = time;
        _logger = loggerFactory.CreateLogger("DefenderConnector.EventHub.Amqp");
        Certificates = new CertificateValidator(options.TrustedCertificatePath);
    }

    /// <summary>The TLS validator, whose last refusal the connectivity probe reports.</summary>
    public CertificateValidator Certificates { get; }

    /// <summary>Opens the connection (if needed) and puts a fresh token for the hub.</summary>
    public Task AuthorizeHubAsync(CancellationToken cancellationToken) =>
        RunAsync(EventHubOperation.Authorize, $"Authorizing policy '{_options.SasPolicyName}' for event hub '{_options.HubName}'", (scope, ct) => scope.AuthorizeHubAsync(ct), cancellationToken);

    public Task<EventHubProperties> GetHubPropertiesAsync(CancellationToken cancellationToken) =>
        RunAsync(EventHubOperation.Management, $"Reading the properties of event hub '{_options.HubName}'", (scope, ct) => scope.ReadHubAsync(ct), cancellationToken);

    public Task<PartitionProperties> GetPartitionPropertiesAsync(string partitionId, CancellationToken cancellationToken) =>
        RunAsync(EventHubOperation.Management, $"Reading the properties of partition {partitionId}", (scope, ct) => scope.ReadPartitionAsync(partitionId, ct), cancellationToken);

    public Task<IPartitionReader> OpenReaderAsync(string partitionId, ReadPosition position, CancellationToken cancellationToken) =>
        RunAsync(EventHubOperation.Receive, $"Opening a receiver on partition {partitionId} (consumer group '{_options.ConsumerGroup}')", (scope, ct) => scope.OpenReaderAsync(partitionId, position, ct), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            if (_scope is not null)
            {
                await _scope.DisposeAsync().ConfigureAwait(false);
                _scope = null;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<T> RunAsync<T>(EventHubOperation operation, string what, Func<AmqpConnectionScope, CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        try
        {
            var scope = await ScopeAsync(cancellationToken).ConfigureAwait(false);
            return await action(scope, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw EventHubErrors.Explain(EventHubErrors.FromException(operation, what, e), _options, Certificates.LastRefusal);
        }
    }

    private async Task RunAsync(EventHubOperation operation, string what, Func<AmqpConnectionScope, CancellationToken, Task> action, CancellationToken cancellationToken) =>
        await RunAsync<bool>(operation, what, async (scope, ct) =>
        {
            await action(scope, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);

    private async Task<AmqpConnectionScope> ScopeAsync(CancellationToken cancellationToken)
    {
        if (_scope is { IsClosed: false } current)
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_scope is null || _scope.IsClosed)
            {
                if (_scope is not null)
                {
                    await _scope.DisposeAsync().ConfigureAwait(false);
                    _scope = null;
                }

                _scope = await AmqpConnectionScope.OpenAsync(_options, Certificates, _time, _logger, cancellationToken).ConfigureAwait(false);
            }

            return _scope;
        }
        finally
        {
            _gate.Release();
        }
    }
}
