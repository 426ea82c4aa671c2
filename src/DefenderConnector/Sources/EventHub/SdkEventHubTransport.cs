using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Consumer;
using DefenderConnector.Pulling;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// The Event Hubs consumer on Microsoft's SDK: one <see cref="EventHubConnection"/> shared by the
/// properties client and every partition receiver (the SDK opens it on first use, reopens it after it
/// dropped and renews tokens while links are open). Every failure leaves as a classified
/// <see cref="ConnectorException"/> whose message holds neither key nor token.
/// </summary>
internal sealed class SdkEventHubTransport : IEventHubTransport
{
    private readonly EventHubSourceOptions _options;
    private readonly EventHubConnection _connection;
    private readonly EventHubConsumerClient _consumer;

    public SdkEventHubTransport(EventHubSourceOptions options)
    {
        _options = options;
        Certificates = new CertificateValidator(options.TrustedCertificatePath);
        _connection = EventHubClientFactory.CreateConnection(options, Certificates);
        _consumer = EventHubClientFactory.CreateConsumer(options, _connection);
    }

    /// <summary>The TLS validator, whose last refusal failures and the connectivity probe report.</summary>
    public CertificateValidator Certificates { get; }

    public Task<EventHubProperties> GetHubPropertiesAsync(CancellationToken cancellationToken) =>
        RunAsync(EventHubOperation.Management, $"Reading the properties of event hub '{_options.HubName}'", async ct =>
        {
            var hub = await _consumer.GetEventHubPropertiesAsync(ct).ConfigureAwait(false);
            return new EventHubProperties(hub.Name, hub.CreatedOn, hub.PartitionIds);
        }, cancellationToken);

    public Task<PartitionProperties> GetPartitionPropertiesAsync(string partitionId, CancellationToken cancellationToken) =>
        RunAsync(EventHubOperation.Management, $"Reading the properties of partition {partitionId}", async ct =>
        {
            var p = await _consumer.GetPartitionPropertiesAsync(partitionId, ct).ConfigureAwait(false);
            return new PartitionProperties(p.EventHubName, p.Id, p.BeginningSequenceNumber, p.LastEnqueuedSequenceNumber, p.LastEnqueuedOffsetString ?? string.Empty, p.LastEnqueuedTime, p.IsEmpty);
        }, cancellationToken);

    /// <summary>
    /// Creates the receiver; the SDK attaches it on the first read, where a refusal surfaces. With the
    /// prefetch cache bounded in bytes, the reader reopens it with a count once it has seen the messages'
    /// size (<see cref="LearnedPrefetch"/>).
    /// </summary>
    public Task<IPartitionReader> OpenReaderAsync(string partitionId, ReadPosition position, CancellationToken cancellationToken)
    {
        var receiver = EventHubClientFactory.CreateReceiver(_options, _connection, partitionId, position);
        var reopen = _options.PrefetchBytes is { } bytes
            ? new PrefetchReopen(bytes, (count, at) => EventHubClientFactory.CreateReceiver(_options, _connection, partitionId, at, count))
            : null;
        return Task.FromResult<IPartitionReader>(new SdkPartitionReader(receiver, partitionId, this, new ReceiveBudget(_options.BatchBytes), reopen));
    }

    public async ValueTask DisposeAsync()
    {
        await _consumer.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Wraps an SDK failure: classified once, with what was being done and what to check.</summary>
    internal ConnectorException Fail(EventHubOperation operation, string what, Exception exception) =>
        EventHubErrors.Explain(EventHubErrors.FromException(operation, what, exception), _options, Certificates.LastRefusal);

    private async Task<T> RunAsync<T>(EventHubOperation operation, string what, Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await action(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw Fail(operation, what, e);
        }
    }
}
