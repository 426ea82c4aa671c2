using System.Net;
using System.Security.Cryptography.X509Certificates;
using Amqp;
using Amqp.Framing;
using Amqp.Listener;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>
/// A real AMQP 1.0 server (AMQPNetLite <see cref="ContainerHost"/>) that behaves like one Azure event hub:
/// $cbs with SAS checks, $management reads, partition receivers with event-position filters and owner
/// level, producers, and fault injection for tests.
/// </summary>
public sealed class EventHubEmulator : IAsyncDisposable
{
    readonly EventHubEmulatorOptions options;
    readonly Dictionary<string, string> policies;
    readonly EventHubStore store;
    readonly ConnectionRegistry connections = new();
    readonly ReceiverRegistry receivers = new();
    readonly LinkTracker tracker;
    readonly AttachFaults faults = new();
    ContainerHost? host;
    LoopbackTransportProvider? transports;
    AmqpWebSocketListener? webSockets;
    ITimer? expiryTimer;

    /// <summary>Copies and validates the options; nothing listens until <see cref="StartAsync"/>.</summary>
    public EventHubEmulator(EventHubEmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        EmulatorOptionsValidator.Validate(options);
        this.options = new EventHubEmulatorOptions
        {
            Host = options.Host, Port = options.Port, HubName = options.HubName, PartitionCount = options.PartitionCount,
            UseTls = options.UseTls, Certificate = options.Certificate, LoadFile = options.LoadFile,
            RecordsPerMessage = options.RecordsPerMessage, MaxMessageSize = options.MaxMessageSize,
            TokenCheckInterval = options.TokenCheckInterval, TimeProvider = options.TimeProvider,
            EntraDirectory = options.EntraDirectory, UseWebSockets = options.UseWebSockets, WebSocketPort = options.WebSocketPort,
        };
        this.policies = new Dictionary<string, string>(options.Policies, StringComparer.Ordinal);
        this.store = new EventHubStore(options.HubName, options.PartitionCount, options.ConsumerGroups.ToList(), options.TimeProvider);
        this.tracker = new LinkTracker(options.TimeProvider);
        this.Certificate = options.Certificate;
    }

    /// <summary>The port listened on (the chosen free port when the options said 0).</summary>
    public int Port { get; private set; }

    /// <summary>The secure WebSocket port when <c>UseWebSockets</c> is on (the chosen free port when the options said 0), else 0.</summary>
    public int WebSocketPort { get; private set; }

    /// <summary>WebSocket connections accepted so far (how a test sees that a client really came over WebSockets).</summary>
    public int WebSocketConnectionsAccepted => this.webSockets?.Accepted ?? 0;

    public string HubName => this.store.HubName;

    /// <summary>
    /// The host name clients use: "localhost" when listening on 127.0.0.1, else the loopback address listened on
    /// (e.g. 127.41.7.9, for a client that only dials port 5671 and so needs an address of its own).
    /// </summary>
    public string ClientHost => BindAddress(this.options.Host) == "127.0.0.1" ? "localhost" : this.options.Host;

    public IReadOnlyList<string> PartitionIds => this.store.PartitionIds;

    /// <summary>The TLS certificate in use (generated at start when TLS is on and none was given).</summary>
    public X509Certificate2? Certificate { get; private set; }

    /// <summary>Receiver links currently attached.</summary>
    public int ActiveReceiverCount => this.receivers.Count;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (this.host is not null) { throw new InvalidOperationException("The emulator is already started."); }

        if ((this.options.UseTls || this.options.UseWebSockets) && this.Certificate is null)
        {
            this.Certificate = EmulatorCertificate.Create(this.options.Host);
        }

        this.transports = new LoopbackTransportProvider(IPAddress.Parse(BindAddress(this.options.Host)), this.options.Port,
            this.options.UseTls ? this.Certificate : null);
        this.Port = this.transports.Port;
        this.host = this.OpenHost(this.transports);
        if (this.options.UseWebSockets)
        {
            this.webSockets = await AmqpWebSocketListener.StartAsync(IPAddress.Parse(BindAddress(this.options.Host)),
                this.options.WebSocketPort, this.Certificate!, this.transports).ConfigureAwait(false);
            this.WebSocketPort = this.webSockets.Port;
        }

        this.expiryTimer = this.options.TimeProvider.CreateTimer(_ => this.tracker.DetachExpired(), null,
            this.options.TokenCheckInterval, this.options.TokenCheckInterval);
        if (this.options.LoadFile is { } file)
        {
            this.LoadRecords(File.ReadLines(file), this.options.RecordsPerMessage);
        }
    }

    /// <summary>A connection string for a configured policy: <c>Endpoint=sb://localhost:&lt;port&gt;;…;EntityPath=&lt;hub&gt;</c>.</summary>
    public string GetConnectionString(string policyName, bool useDevelopmentEmulator = true)
    {
        if (!this.policies.TryGetValue(policyName, out var key))
        {
            throw new ArgumentException($"The policy '{policyName}' is not configured on the emulator.", nameof(policyName));
        }

        string value = $"Endpoint=sb://{this.ClientHost}:{this.Port};SharedAccessKeyName={policyName};SharedAccessKey={key};EntityPath={this.HubName}";
        return useDevelopmentEmulator ? value + ";UseDevelopmentEmulator=true" : value;
    }

    /// <summary>Appends one event to a partition and returns its sequence number; receivers get it at once.</summary>
    public long Publish(string partitionId, ReadOnlyMemory<byte> body, string? partitionKey = null, DateTimeOffset? enqueuedTime = null) =>
        this.store.Append(this.store.GetPartition(partitionId), body.ToArray(), partitionKey, enqueuedTime);

    /// <summary>
    /// Packs record lines into <c>{"records":[...]}</c> events of at most the maximum message size, round
    /// robin over partitions; returns the event count.
    /// </summary>
    public int LoadRecords(IEnumerable<string> jsonLines, int recordsPerMessage = 10)
    {
        int count = 0;
        // The limit holds for the whole message as delivered: leave room for the annotations the hub adds
        // (sequence number, offset, enqueued time), or the receiver link refuses to send it.
        foreach (byte[] body in RecordPacker.Pack(jsonLines, recordsPerMessage, this.options.MaxMessageSize - EventHubConstants.AnnotationAllowance))
        {
            this.store.Append(this.store.Route(null), body, null);
            count++;
        }

        return count;
    }

    /// <summary>The last sequence number of a partition, -1 when it is empty.</summary>
    public long GetLastSequenceNumber(string partitionId) => this.store.GetPartition(partitionId).Snapshot().LastSequenceNumber;

    /// <summary>Detaches every receiver (or those of one partition) with the given error condition.</summary>
    public void DetachReceivers(string condition, string? partitionId = null)
    {
        foreach (var receiver in this.receivers.Snapshot())
        {
            if (partitionId is null || receiver.PartitionId == partitionId)
            {
                receiver.Detach(new Error(condition) { Description = "The emulator detached this receiver (fault injection)." });
            }
        }
    }

    /// <summary>Closes every client connection with <c>amqp:connection:forced</c>.</summary>
    public void DropConnections() => this.DropConnections(abortSockets: false);

    /// <summary>Closes every client connection: abruptly (sockets closed, no AMQP close) or with <c>amqp:connection:forced</c>.</summary>
    public void DropConnections(bool abortSockets)
    {
        if (abortSockets)
        {
            this.transports?.AbortAll();
            return;
        }

        foreach (var state in this.connections.Snapshot())
        {
            try
            {
                state.Connection.Close(TimeSpan.Zero, new Error(ErrorCode.ConnectionForced)
                {
                    Description = "The emulator closed this connection (fault injection).",
                });
            }
            catch (AmqpException)
            {
                // Already closing.
            }
        }
    }

    /// <summary>Marks every CBS authorization expired now; links without a fresh put-token are detached.</summary>
    public void ExpireTokens()
    {
        foreach (var state in this.connections.Snapshot()) { state.ExpireAll(); }

        this.tracker.DetachExpired();
    }

    /// <summary>Refuses the next <paramref name="count"/> entity attaches (not $cbs/$management) with the condition.</summary>
    public void FailNextAttaches(int count, string condition) => this.faults.FailNext(count, condition);

    public async ValueTask DisposeAsync()
    {
        if (this.expiryTimer is { } timer) { await timer.DisposeAsync().ConfigureAwait(false); }

        if (this.webSockets is { } listener) { await listener.DisposeAsync().ConfigureAwait(false); }

        this.webSockets = null;
        this.host?.Close();
        this.host = null;
        this.transports?.Dispose();
        this.transports = null;
    }

    ContainerHost OpenHost(LoopbackTransportProvider provider)
    {
        // The provider owns the socket (and TLS); AMQPNetLite runs SASL and AMQP over what it hands over.
        var containerHost = new ContainerHost([$"amqp://127.0.0.1:{provider.Port}"]);
        containerHost.CustomTransports["amqp"] = provider;
        var listener = containerHost.Listeners[0];
        listener.SASL.EnableAnonymousMechanism = true;
        listener.SASL.EnableExternalMechanism = true;
        listener.SASL.EnableMechanism(EventHubConstants.SaslMssbCbs, new MssbCbsSaslProfile());
        listener.SASL.EnableMechanism(EventHubConstants.SaslPlain, new PolicySaslPlainProfile(this.policies));
        listener.AMQP.MaxFrameSize = (int)EventHubConstants.MaxFrameSize;
        listener.AMQP.MaxSessionsPerConnection = 1000;
        listener.AMQP.IdleTimeout = 240_000;
        var handler = new EmulatorAmqpHandler(this.options.MaxMessageSize, this.connections);
        listener.HandlerFactory = _ => handler;

        var time = this.options.TimeProvider;
        var validator = new SasTokenValidator(this.policies, time);
        var entra = this.options.EntraDirectory is { } directory ? new EntraTokenValidator(directory, time, this.ClientHost) : null;
        var nodes = new Dictionary<string, IRequestHandler>(StringComparer.OrdinalIgnoreCase)
        {
            [EventHubConstants.CbsAddress] = new CbsRequestProcessor(this.store, validator, entra),
            [EventHubConstants.ManagementAddress] = new ManagementRequestProcessor(this.store, validator, entra, time, this.ClientHost),
        };

        // $cbs and $management are served by the link processor rather than ContainerHost's request
        // processors, which find reply links only by target address; rhea replies to the link name.
        containerHost.RegisterLinkProcessor(new EventHubLinkProcessor(this.store, this.connections, this.receivers, this.tracker,
            this.faults, time, this.options.MaxMessageSize, nodes, this.ClientHost));
        try
        {
            containerHost.Open();
        }
        catch
        {
            containerHost.Close();
            throw;
        }

        return containerHost;
    }

    // "localhost" would make AMQPNetLite bind every interface; the emulator only ever listens on loopback.
    static string BindAddress(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? "127.0.0.1" : host;
}
