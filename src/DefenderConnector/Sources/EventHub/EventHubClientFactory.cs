using Azure;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Primitives;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// Builds the Event Hubs SDK's connection and clients from validated settings: the credential, the
/// transport (AMQP over TCP, or over WebSockets through an optional HTTP proxy), the endpoint (a
/// non-default port needs <c>CustomEndpointAddress</c>: the SDK does not take it from the host), the
/// certificate check, and the SDK's own retries turned off so <see cref="Pulling.PullResilience"/> is the
/// only retry layer.
/// </summary>
internal static class EventHubClientFactory
{
    /// <summary>No SDK retry: one try, bounded by <c>operationTimeout</c>.</summary>
    public static EventHubsRetryOptions NoRetries(EventHubSourceOptions options) => new()
    {
        MaximumRetries = 0,
        TryTimeout = options.OperationTimeout,
    };

    public static EventHubConnection CreateConnection(EventHubSourceOptions options, CertificateValidator certificates)
    {
        var connectionOptions = ConnectionOptions(options, certificates);
        if (options.Transport == EventHubTransportKind.Amqp)
        {
            // Plain AMQP is the SDK's development-emulator mode, reachable only through a connection string;
            // the settings reader allows it for a loopback endpoint only.
            var text = $"Endpoint=sb://{options.FullyQualifiedNamespace}:{options.Port};SharedAccessKeyName={options.SasPolicyName};SharedAccessKey={options.SasKey!.Value};UseDevelopmentEmulator=true";
            return new EventHubConnection(text, options.HubName, connectionOptions);
        }

        return options.Entra is { } entra
            ? new EventHubConnection(options.FullyQualifiedNamespace, options.HubName, EventHubCredentialFactory.Create(entra, options, certificates), connectionOptions)
            : new EventHubConnection(options.FullyQualifiedNamespace, options.HubName, new AzureNamedKeyCredential(options.SasPolicyName!, options.SasKey!.Value), connectionOptions);
    }

    public static EventHubConsumerClient CreateConsumer(EventHubSourceOptions options, EventHubConnection connection) =>
        new(options.ConsumerGroup, connection, new EventHubConsumerClientOptions { RetryOptions = NoRetries(options) });

    /// <param name="learnedPrefetch">A prefetch count learned from the messages' size (<see cref="LearnedPrefetch"/>), used instead of the byte bound.</param>
    public static PartitionReceiver CreateReceiver(EventHubSourceOptions options, EventHubConnection connection, string partitionId, ReadPosition position, int? learnedPrefetch = null) =>
        new(options.ConsumerGroup, partitionId, Position(position), connection, new PartitionReceiverOptions
        {
            RetryOptions = NoRetries(options),
            PrefetchCount = learnedPrefetch ?? options.Prefetch,
            // Takes precedence over PrefetchCount: the link's credit becomes the cache size over the average
            // size of the messages it holds, so the cache stays near this many bytes whatever the message size.
            PrefetchSizeInBytes = learnedPrefetch is null ? options.PrefetchBytes : null,
            OwnerLevel = options.OwnerLevel,
            TrackLastEnqueuedEventProperties = false,
            DefaultMaximumReceiveWaitTime = EventHubConstants.DefaultReceiveWait,
        });

    public static EventPosition Position(ReadPosition position) => position.AfterSequenceNumber is { } after
        ? EventPosition.FromSequenceNumber(after, isInclusive: false)
        : position.Start.Kind switch
        {
            StartPositionKind.Latest => EventPosition.Latest,
            // The service's enqueued-time filter is "after"; enqueued times have millisecond precision, so one
            // millisecond earlier gives "at or after", as eventHub.initialPosition promises.
            StartPositionKind.EnqueuedTime => EventPosition.FromEnqueuedTime(position.Start.Time.AddMilliseconds(-1)),
            _ => EventPosition.Earliest,
        };

    private static EventHubConnectionOptions ConnectionOptions(EventHubSourceOptions options, CertificateValidator certificates)
    {
        var websockets = options.Transport == EventHubTransportKind.WebSockets;
        var connectionOptions = new EventHubConnectionOptions
        {
            TransportType = websockets ? EventHubsTransportType.AmqpWebSockets : EventHubsTransportType.AmqpTcp,
            CertificateValidationCallback = certificates.Validate,
            Proxy = options.Proxy?.CreateWebProxy(),
        };

        var defaultPort = websockets ? EventHubConstants.WebSocketsPort : EventHubConstants.AmqpsPort;
        if (options.Transport != EventHubTransportKind.Amqp && options.Port != defaultPort)
        {
            connectionOptions.CustomEndpointAddress = new Uri($"{(websockets ? "https" : "amqps")}://{options.FullyQualifiedNamespace}:{options.Port}");
        }

        return connectionOptions;
    }
}
