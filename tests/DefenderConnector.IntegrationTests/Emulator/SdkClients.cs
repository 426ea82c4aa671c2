using Azure.Core;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Primitives;
using Azure.Messaging.EventHubs.Producer;
using DefenderConnector.Emulator.EventHubs;

namespace DefenderConnector.IntegrationTests.Emulator;

/// <summary>
/// Microsoft's Event Hubs SDK (Azure.Messaging.EventHubs) pointed at a TLS emulator on a loopback port with a
/// TokenCredential: the SDK ignores the port of the namespace for TLS, so the endpoint goes in
/// <see cref="EventHubConnectionOptions.CustomEndpointAddress"/>; only the emulator's own certificate is
/// trusted; the SDK's retries are off so a refusal surfaces at once.
/// </summary>
internal static class SdkClients
{
    public static EventHubConnectionOptions ConnectionOptions(EventHubEmulator emulator, Action<EventHubConnectionOptions>? configure = null)
    {
        byte[] trusted = emulator.Certificate!.RawData;
        var options = new EventHubConnectionOptions
        {
            CustomEndpointAddress = new Uri($"amqps://{emulator.ClientHost}:{emulator.Port}"),
            CertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(trusted),
        };
        configure?.Invoke(options);
        return options;
    }

    public static EventHubsRetryOptions NoRetries() => new() { MaximumRetries = 0, TryTimeout = TimeSpan.FromSeconds(30) };

    public static EventHubProducerClient Producer(EventHubEmulator emulator, TokenCredential credential, Action<EventHubConnectionOptions>? configure = null) =>
        new(emulator.ClientHost, emulator.HubName, credential, new EventHubProducerClientOptions
        {
            ConnectionOptions = ConnectionOptions(emulator, configure),
            RetryOptions = NoRetries(),
        });

    public static PartitionReceiver Receiver(EventHubEmulator emulator, TokenCredential credential, string partition,
        Action<EventHubConnectionOptions>? configure = null) =>
        new(EventHubConsumerClient.DefaultConsumerGroupName, partition, Azure.Messaging.EventHubs.Consumer.EventPosition.Earliest, emulator.ClientHost, emulator.HubName,
            credential, new PartitionReceiverOptions { ConnectionOptions = ConnectionOptions(emulator, configure), RetryOptions = NoRetries() });

    /// <summary>Receives until <paramref name="count"/> events arrived (or the SDK's waits ran out ten times).</summary>
    public static async Task<List<EventData>> ReceiveAsync(PartitionReceiver receiver, int count)
    {
        var events = new List<EventData>();
        for (int round = 0; round < 10 && events.Count < count; round++)
        {
            events.AddRange(await receiver.ReceiveBatchAsync(count - events.Count, TimeSpan.FromSeconds(3)));
        }

        return events;
    }
}
