using Amqp;
using Amqp.Framing;
using Amqp.Sasl;
using Amqp.Types;
using DefenderConnector.Emulator.EventHubs;

namespace DefenderConnector.IntegrationTests.Emulator;

/// <summary>An AMQPNetLite client over a real loopback socket, speaking to the emulator the way Event Hubs clients do.</summary>
internal sealed class EmulatorTestClient : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    EmulatorTestClient(Connection connection, EventHubEmulator emulator)
    {
        this.Connection = connection;
        this.Emulator = emulator;
    }

    public Connection Connection { get; }

    public EventHubEmulator Emulator { get; }

    public string Host => "localhost";

    /// <summary>Connects with SASL ANONYMOUS, or PLAIN when a user (policy) and password (key) are given.</summary>
    public static async Task<EmulatorTestClient> ConnectAsync(EventHubEmulator emulator, string? user = null, string? password = null)
    {
        var factory = new ConnectionFactory();
        if (user is null) { factory.SASL.Profile = SaslProfile.Anonymous; }

        var connection = await factory.CreateAsync(new Address("127.0.0.1", emulator.Port, user, password, "/", "amqp"));
        return new EmulatorTestClient(connection, emulator);
    }

    /// <summary>Wraps a connection the test opened itself (e.g. over TLS).</summary>
    public static EmulatorTestClient Wrap(Connection connection, EventHubEmulator emulator) => new(connection, emulator);

    public string Audience(string path) => $"amqps://{this.Host}/{path}";

    /// <summary>Sends one request to a request/response node ($cbs or $management) and waits for the reply.</summary>
    /// <param name="node">$cbs or $management.</param>
    /// <param name="request">The request; its properties are replaced.</param>
    /// <param name="messageId">The message-id (any AMQP message-id type); a GUID string when null.</param>
    /// <param name="withReplyTo">False to send no reply-to, as Microsoft's Python client does.</param>
    public async Task<Message> RequestAsync(string node, Message request, object? messageId = null, bool withReplyTo = true)
    {
        var session = new Session(this.Connection);
        string replyTo = Guid.NewGuid().ToString("N");
        var sender = new SenderLink(session, "req-" + replyTo, node);
        var receiver = new ReceiverLink(session, "rsp-" + replyTo, new Attach
        {
            Source = new Source { Address = node },
            Target = new Target { Address = withReplyTo ? replyTo : node },
        }, null);
        receiver.SetCredit(10);
        request.Properties = new Properties();
        request.Properties.SetMessageId(messageId ?? Guid.NewGuid().ToString());
        if (withReplyTo) { request.Properties.ReplyTo = replyTo; }

        await sender.SendAsync(request);
        var reply = await receiver.ReceiveAsync(Wait) ?? throw new TimeoutException($"No reply from {node}.");
        receiver.Accept(reply);
        Assert.Equal(request.Properties.GetMessageId(), reply.Properties.GetCorrelationId());
        await session.CloseAsync();
        return reply;
    }

    public Task<Message> PutTokenAsync(string audience, string token, string type = "servicebus.windows.net:sastoken") =>
        this.PutTokenAsync(audience, new Message(token), type);

    /// <summary>A put-token whose body the caller shaped (e.g. the token as bytes, as the Python client sends it).</summary>
    public Task<Message> PutTokenAsync(string audience, Message request, string type, object? messageId = null, bool withReplyTo = true)
    {
        request.ApplicationProperties = new ApplicationProperties();
        request.ApplicationProperties["operation"] = "put-token";
        request.ApplicationProperties["type"] = type;
        request.ApplicationProperties["name"] = audience;
        request.ApplicationProperties["expiration"] = DateTime.UtcNow.AddMinutes(30);
        return this.RequestAsync("$cbs", request, messageId, withReplyTo);
    }

    /// <summary>Puts a valid token for the path and checks it was accepted.</summary>
    public async Task AuthorizeAsync(string path, string policy, string key)
    {
        var reply = await this.PutTokenAsync(this.Audience(path), SasTokens.Valid(this.Audience(path), policy, key));
        Assert.Equal(202, StatusCode(reply));
    }

    public Task<Message> ReadAsync(string type, string hub, string? partition = null, object? token = null)
    {
        var request = new Message { ApplicationProperties = new ApplicationProperties() };
        request.ApplicationProperties["operation"] = "READ";
        request.ApplicationProperties["type"] = type;
        request.ApplicationProperties["name"] = hub;
        if (partition is not null) { request.ApplicationProperties["partition"] = partition; }

        if (token is not null) { request.ApplicationProperties["security_token"] = token; }

        return this.RequestAsync("$management", request);
    }

    /// <summary>Attaches a receiver; <see cref="TestReceiver.Refusal"/> completes if the emulator refuses or later detaches it.</summary>
    public TestReceiver OpenReceiver(string address, string? filter = null, object? filterDescriptor = null,
        long? epoch = null, string? receiverName = null, bool settled = true, bool runtimeMetrics = false)
    {
        var source = new Source { Address = address };
        if (filter is not null)
        {
            var descriptor = filterDescriptor ?? new Symbol("apache.org:selector-filter:string");
            source.FilterSet = new Map { [new Symbol("apache.org:selector-filter:string")] = new DescribedValue(descriptor, filter) };
        }

        var attach = new Attach
        {
            Source = source,
            Target = new Target { Address = Guid.NewGuid().ToString() },
            SndSettleMode = settled ? SenderSettleMode.Settled : SenderSettleMode.Unsettled,
            Properties = new Fields(),
        };
        if (runtimeMetrics) { attach.DesiredCapabilities = [new Symbol("com.microsoft:enable-receiver-runtime-metric")]; }

        if (epoch is not null) { attach.Properties[new Symbol("com.microsoft:epoch")] = epoch.Value; }

        if (receiverName is not null) { attach.Properties[new Symbol("com.microsoft:receiver-name")] = receiverName; }

        return new TestReceiver(new Session(this.Connection), attach);
    }

    public static int StatusCode(Message reply) => (int)reply.ApplicationProperties["status-code"];

    public static string Description(Message reply) => (string)reply.ApplicationProperties["status-description"];

    public async ValueTask DisposeAsync()
    {
        try { await this.Connection.CloseAsync(); }
        catch (AmqpException) { /* already closed by the test */ }
        catch (ObjectDisposedException) { /* transport gone */ }
    }
}
