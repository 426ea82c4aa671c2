using System.Net.Http;
using System.Text;
using Azure;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Primitives;
using Azure.Messaging.EventHubs.Producer;
using DefenderConnector.Emulator.EventHubs;
using DefenderConnector.IntegrationTests.Support;

namespace DefenderConnector.IntegrationTests.Emulator;

/// <summary>
/// AMQP over secure WebSockets served by the emulator itself, reached by Microsoft's Event Hubs SDK
/// (TransportType.AmqpWebSockets) through a real authenticating proxy (Debian's tinyproxy).
/// </summary>
public sealed class WebSocketProxyTests
{
    [Fact]
    public async Task SdkOverWebSocketsThroughTheAuthenticatingProxyReadsEvents()
    {
        await using var proxy = await HttpProxy.StartAsync();
        var (emulator, key) = await StartAsync();
        await using var _ = emulator;
        using var trust = TrustedRoot.Add(emulator.Certificate!);
        for (int i = 0; i < 3; i++) { emulator.Publish("1", Encoding.UTF8.GetBytes($"{{\"ws\":{i}}}")); }

        var credential = new AzureNamedKeyCredential(TestEmulator.Policy, key);
        await using var producer = new EventHubProducerClient(emulator.ClientHost, emulator.HubName, credential,
            new EventHubProducerClientOptions { ConnectionOptions = Options(emulator, proxy.CreateWebProxy()), RetryOptions = SdkClients.NoRetries() });
        var properties = await producer.GetPartitionPropertiesAsync("1");
        await using var receiver = new PartitionReceiver(EventHubConsumerClient.DefaultConsumerGroupName, "1",
            Azure.Messaging.EventHubs.Consumer.EventPosition.Earliest, emulator.ClientHost, emulator.HubName, credential,
            new PartitionReceiverOptions { ConnectionOptions = Options(emulator, proxy.CreateWebProxy()), RetryOptions = SdkClients.NoRetries() });
        var events = await SdkClients.ReceiveAsync(receiver, 3);

        Assert.Equal(2, properties.LastEnqueuedSequenceNumber);
        Assert.Equal(["{\"ws\":0}", "{\"ws\":1}", "{\"ws\":2}"], events.Select(e => e.EventBody.ToString()));
        Assert.True(emulator.WebSocketConnectionsAccepted >= 1);
        Assert.Contains($"{emulator.WebSocketPort}", proxy.Log);
    }

    [Fact]
    public async Task WrongProxyPasswordFailsBeforeReachingTheEmulator()
    {
        await using var proxy = await HttpProxy.StartAsync();
        var (emulator, key) = await StartAsync();
        await using var _ = emulator;

        await using var producer = new EventHubProducerClient(emulator.ClientHost, emulator.HubName, new AzureNamedKeyCredential(TestEmulator.Policy, key),
            new EventHubProducerClientOptions
            {
                ConnectionOptions = Options(emulator, proxy.CreateWebProxy("not-the-password")),
                RetryOptions = SdkClients.NoRetries(),
            });
        var error = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => producer.GetEventHubPropertiesAsync());

        // What the SDK raises (not wrapped in EventHubsException): the proxy's refusal of the CONNECT tunnel.
        var tunnel = Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Contains("proxy tunnel request", tunnel.Message);
        Assert.Contains("'401'", tunnel.Message);
        Assert.DoesNotContain(proxy.Password, error.ToString());
        Assert.Equal(0, emulator.WebSocketConnectionsAccepted);
    }

    [Fact]
    public async Task WebSocketEndpointAnswersOtherRequestsAsAGatewayDoes()
    {
        var (emulator, _) = await StartAsync();
        await using var __ = emulator;
        byte[] trusted = emulator.Certificate!.RawData;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.RawData.AsSpan().SequenceEqual(trusted),
        };
        using var http = new HttpClient(handler) { BaseAddress = new Uri($"https://localhost:{emulator.WebSocketPort}") };

        using var plain = await http.GetAsync("/$servicebus/websocket");
        using var elsewhere = await http.GetAsync("/somewhere");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Equal(0, emulator.WebSocketConnectionsAccepted);
    }

    static EventHubConnectionOptions Options(EventHubEmulator emulator, System.Net.IWebProxy proxy) =>
        SdkClients.ConnectionOptions(emulator, o =>
        {
            o.TransportType = EventHubsTransportType.AmqpWebSockets;
            o.CustomEndpointAddress = new Uri($"https://{emulator.ClientHost}:{emulator.WebSocketPort}");
            o.Proxy = proxy;
        });

    static Task<(EventHubEmulator Emulator, string Key)> StartAsync() => TestEmulator.StartAsync(o => o.UseWebSockets = true);
}
