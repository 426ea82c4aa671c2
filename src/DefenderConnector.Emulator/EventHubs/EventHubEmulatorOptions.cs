using System.Security.Cryptography.X509Certificates;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>How the Event Hubs emulator is set up. Copied by <see cref="EventHubEmulator"/> at construction.</summary>
public sealed class EventHubEmulatorOptions
{
    /// <summary>The address to listen on: a loopback address or "localhost" (bound as 127.0.0.1).</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The port; 0 picks a free one (read <c>EventHubEmulator.Port</c> after start). CLI: <c>--port</c>.</summary>
    public int Port { get; set; }

    /// <summary>The one event hub the emulator serves. CLI: <c>--hub</c>.</summary>
    public string HubName { get; set; } = "defender";

    /// <summary>Number of partitions, ids "0".."n-1". CLI: <c>--partitions</c>.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>SAS policies: name → key. Tokens are checked against these (signature and expiry). CLI: <c>--policy name=key</c>.</summary>
    public IDictionary<string, string> Policies { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Consumer groups (compared case-insensitively); <c>$Default</c> always exists. CLI: <c>--consumer-group</c>.</summary>
    public IList<string> ConsumerGroups { get; } = new List<string>();

    /// <summary>Serve AMQP over TLS with <see cref="Certificate"/> (generated for the host when null). CLI: <c>--tls</c>.</summary>
    public bool UseTls { get; set; }

    /// <summary>
    /// Also serve AMQP over secure WebSockets (<c>wss://host:WebSocketPort/$servicebus/websocket</c>,
    /// subprotocol AMQPWSB10) with <see cref="Certificate"/> (generated when null). CLI: <c>--websockets</c>.
    /// </summary>
    public bool UseWebSockets { get; set; }

    /// <summary>The WebSocket (HTTPS) port; 0 picks a free one (read <c>EventHubEmulator.WebSocketPort</c>). CLI: <c>--websocket-port</c>.</summary>
    public int WebSocketPort { get; set; }

    /// <summary>The TLS server certificate, with its private key.</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>A JSON-lines file of Defender records loaded at start. CLI: <c>--load</c>.</summary>
    public string? LoadFile { get; set; }

    /// <summary>Records packed into one <c>{"records":[...]}</c> event when loading. CLI: <c>--records-per-message</c>.</summary>
    public int RecordsPerMessage { get; set; } = EventHubConstants.DefaultRecordsPerMessage;

    /// <summary>Largest message a link accepts, advertised as max-message-size on every attach.</summary>
    public long MaxMessageSize { get; set; } = EventHubConstants.DefaultMaxMessageSize;

    /// <summary>How often link authorizations are re-checked for expiry.</summary>
    public TimeSpan TokenCheckInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The Entra token stand-in whose bearer tokens <c>$cbs</c> accepts (put-token type <c>jwt</c>): signature,
    /// issuer, audience, lifetime and the app's role assignment ("Azure Event Hubs Data Receiver", "… Data
    /// Sender" or "… Data Owner") are checked. Null: only SAS tokens and SASL PLAIN are accepted.
    /// </summary>
    public Http.EntraDirectory? EntraDirectory { get; set; }

    /// <summary>Clock for token expiry and enqueue times.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
