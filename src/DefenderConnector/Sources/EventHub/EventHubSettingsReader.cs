using System.Net;
using System.Text.RegularExpressions;
using DefenderConnector.Configuration;
using DefenderConnector.Pulling;

namespace DefenderConnector.Sources.EventHub;

/// <summary>Reads and validates the <c>eventHub</c> settings section.</summary>
internal static partial class EventHubSettingsReader
{
    public static readonly string[] Keys =
    [
        "namespace", "hubName", "sasPolicyName", "sasKey", "consumerGroup", "connectionString",
        "transport", "port", "domainSuffix", "trustedCertificate", "pullInterval", "initialPosition",
        "maxEventsPerPull", "maxPullDuration", "prefetch", "batchMessages", "prefetchBytes", "batchBytes", "ownerLevel", "tokenLifetime",
        "operationTimeout", "maxRetries", "enabled", "onInvalidCheckpoint", "entra", "proxy", "tables",
    ];

    /// <param name="alsoKnown">Keys the caller reads itself (a hub's <c>name</c> in <c>eventHubs</c>).</param>
    public static EventHubSourceOptions? Read(SettingsNode node, string baseDirectory, Func<string, string?> environment, SettingsProblems problems, params string[] alsoKnown)
    {
        node.RejectUnknown([.. Keys, .. alsoKnown]);
        var start = problems.All.Count;

        string? host = null, hub = null, policy = null;
        int? port = null;
        Secret? key = null;
        var emulatorFlag = false;

        var connectionString = SecretReference.Resolve(node.String("connectionString", secret: true), node.Name("connectionString"), baseDirectory, environment, problems);
        if (connectionString is not null)
        {
            var parsed = EventHubConnectionString.TryParse(connectionString.Value, out var error);
            if (parsed is null)
            {
                problems.Add(node.Name("connectionString"), error!);
            }
            else
            {
                host = parsed.Host;
                port = parsed.Port;
                hub = parsed.EntityPath;
                policy = parsed.KeyName;
                key = parsed.Key is null ? null : new Secret(parsed.Key, connectionString.Origin);
                emulatorFlag = parsed.UseDevelopmentEmulator;
            }
        }

        var ns = node.String("namespace");
        if (ns is not null)
        {
            if (host is not null && !string.Equals(NamespaceHost(ns, node.String("domainSuffix")), host, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(node.Name("namespace"), $"'{ns}' disagrees with the connection string's endpoint '{host}'; give one or the other.");
            }

            host ??= NamespaceHost(ns, node.String("domainSuffix"));
            if (!HostPattern().IsMatch(host))
            {
                problems.Add(node.Name("namespace"), $"'{ns}' is not a namespace name (letters, digits and hyphens) or a host name.");
            }
        }

        var hubSetting = node.String("hubName");
        if (hubSetting is not null && hub is not null && !string.Equals(hubSetting, hub, StringComparison.Ordinal))
        {
            problems.Add(node.Name("hubName"), $"'{hubSetting}' disagrees with the connection string's EntityPath '{hub}'.");
        }

        hub = hubSetting ?? hub;
        policy = node.String("sasPolicyName") ?? policy;
        key = SecretReference.Resolve(node.String("sasKey", secret: true), node.Name("sasKey"), baseDirectory, environment, problems) ?? key;

        if (host is null)
        {
            problems.Add(node.Name("namespace"), "is required: the Event Hubs namespace (for example 'contoso-defender' or 'contoso-defender.servicebus.windows.net'), or give eventHub.connectionString.");
        }

        if (string.IsNullOrWhiteSpace(hub))
        {
            problems.Add(node.Name("hubName"), "is required: the event hub Defender XDR streams to (or EntityPath in the connection string).");
        }
        else if (hub.Length > 256 || hub.Contains('/'))
        {
            problems.Add(node.Name("hubName"), "must be at most 256 characters and contain no '/'.");
        }

        EntraOptions? entra = null;
        if (node.Has("entra"))
        {
            entra = EventHubEntraReader.Read(node.Child("entra"), baseDirectory, environment, problems);
            if (node.Has("sasPolicyName") || node.Has("sasKey") || policy is not null || key is not null)
            {
                problems.Add(node.Name("entra"), "and a SAS policy (eventHub.sasPolicyName / sasKey, or a key in the connection string) are both set: give one way to sign in.");
            }
        }
        else
        {
            if (string.IsNullOrWhiteSpace(policy))
            {
                problems.Add(connectionString is null ? node.Name("sasPolicyName") : node.Name("connectionString"), connectionString is null
                    ? "is required: the shared access policy name (for example 'RootManageSharedAccessKey' or a Listen-only policy)."
                    : "has no SharedAccessKeyName part; add it or give eventHub.sasPolicyName.");
            }

            if (key is null && !node.Has("sasKey"))
            {
                problems.Add(connectionString is null ? node.Name("sasKey") : node.Name("connectionString"), connectionString is null
                    ? "is required: the policy's primary or secondary key, as a literal, env:NAME or file:PATH."
                    : "has no SharedAccessKey part; add it or give eventHub.sasKey.");
            }
        }

        var consumerGroup = node.String("consumerGroup") ?? EventHubConstants.DefaultConsumerGroup;
        if (consumerGroup.Length is 0 or > 50)
        {
            problems.Add(node.Name("consumerGroup"), "must be 1 to 50 characters.");
        }

        var transport = EventHubTransportKind.Amqps;
        var transportText = node.String("transport");
        if (transportText is not null)
        {
            switch (transportText.ToLowerInvariant())
            {
                case "amqps": transport = EventHubTransportKind.Amqps; break;
                case "amqp": transport = EventHubTransportKind.Amqp; break;
                case "websockets": transport = EventHubTransportKind.WebSockets; break;
                case "kafka": transport = EventHubTransportKind.Kafka; break;
                case "kafka-plaintext": transport = EventHubTransportKind.KafkaPlaintext; break;
                default:
                    problems.Add(node.Name("transport"), $"must be amqps (default), websockets, kafka, amqp (local emulator only) or kafka-plaintext (loopback only), found '{transportText}'.");
                    break;
            }
        }
        else if (emulatorFlag)
        {
            transport = EventHubTransportKind.Amqp;
        }

        if (transport == EventHubTransportKind.Amqp && node.Has("entra"))
        {
            problems.Add(node.Name("transport"), "amqp (the local emulator mode) signs in with a SAS key only; Entra sign-in needs amqps or websockets.");
        }

        var proxy = ProxySettingsReader.Read(node.Child("proxy"), baseDirectory, environment, problems);
        if (node.Has("proxy") && transport != EventHubTransportKind.WebSockets)
        {
            problems.Add(node.Name("proxy"), $"needs eventHub.transport websockets (AMQP over TLS on 443 is what an HTTP proxy carries), but the transport is {transport.ToString().ToLowerInvariant()}.");
        }

        if (transport == EventHubTransportKind.Amqp && host is not null && !IsLoopback(host))
        {
            problems.Add(node.Name("transport"), $"amqp without TLS is allowed only for a local emulator endpoint, but the namespace is '{host}'. Use amqps.");
        }

        if (transport == EventHubTransportKind.KafkaPlaintext && host is not null && !IsLoopback(host))
        {
            problems.Add(node.Name("transport"), $"kafka-plaintext sends the records without TLS and is allowed only for a loopback broker, but the namespace is '{host}'. Use kafka.");
        }

        if (transport is EventHubTransportKind.Kafka or EventHubTransportKind.KafkaPlaintext && (node.Has("entra") || node.Has("proxy")))
        {
            problems.Add(node.Name("transport"), "kafka signs in with a SAS policy and key (or a connection string) and connects directly; remove eventHub.entra and eventHub.proxy, or use amqps.");
        }

        var portSetting = node.Integer("port", 1, 65535);
        var resolvedPort = (int?)portSetting ?? port ?? transport switch
        {
            EventHubTransportKind.Amqp => EventHubConstants.AmqpPort,
            EventHubTransportKind.WebSockets => EventHubConstants.WebSocketsPort,
            EventHubTransportKind.Kafka => KafkaPort,
            EventHubTransportKind.KafkaPlaintext => KafkaPort,
            _ => EventHubConstants.AmqpsPort,
        };

        var trusted = Security.TrustedCertificateSetting.Read(node, baseDirectory, problems);
        if (trusted is not null && File.Exists(trusted) && transport == EventHubTransportKind.WebSockets)
        {
            // The SDK's WebSocket transport checks certificates against the system trust store only.
            problems.Add(node.Name("trustedCertificate"), "cannot be used with transport websockets: over WebSockets the Event Hubs SDK trusts only the system certificate store. Add the certificate there (for example with update-ca-certificates), or use transport amqps.");
        }

        var initial = StartPosition.Earliest;
        var initialText = node.String("initialPosition");
        if (initialText is not null)
        {
            if (string.Equals(initialText, "earliest", StringComparison.OrdinalIgnoreCase))
            {
                initial = StartPosition.Earliest;
            }
            else if (string.Equals(initialText, "latest", StringComparison.OrdinalIgnoreCase))
            {
                initial = StartPosition.Latest;
            }
            else if (DateTimeOffset.TryParse(initialText, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) && initialText.Contains('T'))
            {
                initial = StartPosition.At(at.ToUniversalTime());
            }
            else
            {
                problems.Add(node.Name("initialPosition"), $"must be earliest, latest or an ISO-8601 time such as 2026-11-01T00:00:00Z, found '{initialText}'.");
            }
        }

        var pullInterval = node.Duration("pullInterval", TimeSpan.Zero, TimeSpan.FromDays(1)) ?? EventHubConstants.DefaultPullInterval;
        if (pullInterval > TimeSpan.Zero && pullInterval < EventHubConstants.MinPullInterval)
        {
            // Each pull opens a connection and reads every partition's properties: a tiny interval floods the namespace.
            problems.Add(node.Name("pullInterval"), $"must be 0 (continuous) or at least {DurationText.Format(EventHubConstants.MinPullInterval)}, found {DurationText.Format(pullInterval)}.");
        }

        var maxDuration = node.Duration("maxPullDuration", TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)) ?? EventHubConstants.DefaultMaxPullDuration;
        var maxEvents = node.Integer("maxEventsPerPull", 1, long.MaxValue) ?? EventHubConstants.DefaultMaxEventsPerPull;
        var prefetch = (int?)node.Integer("prefetch", 1, 100_000) ?? EventHubConstants.DefaultPrefetch;
        var batchMessages = (int?)node.Integer("batchMessages", 1, 100_000) ?? EventHubConstants.DefaultBatchMessages;
        var (prefetchBytes, batchBytes) = EventHubBufferSettings.Read(node);
        var ownerLevel = node.Integer("ownerLevel", 0, long.MaxValue);
        if (node.Has("tokenLifetime"))
        {
            problems.Add(node.Name("tokenLifetime"), "is no longer used: the Event Hubs SDK signs 30-minute SAS tokens and renews them while links are open. Remove the setting.");
        }

        var operationTimeout = node.Duration("operationTimeout", TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)) ?? EventHubConstants.DefaultOperationTimeout;
        var maxRetries = (int?)node.Integer("maxRetries", 0, 100) ?? EventHubConstants.DefaultMaxRetries;
        var onInvalid = InvalidCheckpointAction.Earliest;
        var onInvalidText = node.String("onInvalidCheckpoint");
        if (onInvalidText is not null && (!Enum.TryParse(onInvalidText, ignoreCase: true, out onInvalid) || !Enum.IsDefined(onInvalid) || char.IsDigit(onInvalidText.TrimStart('-', '+').FirstOrDefault())))
        {
            problems.Add(node.Name("onInvalidCheckpoint"), $"must be earliest (default), latest or fail, found '{onInvalidText}'.");
        }

        var tables = Filtering.TableFilterReader.Read(node.Child("tables"), problems);

        if (problems.All.Count > start || host is null || hub is null || (entra is null && (policy is null || key is null)))
        {
            return null;
        }

        return new EventHubSourceOptions
        {
            FullyQualifiedNamespace = host.ToLowerInvariant(),
            HubName = hub,
            SasPolicyName = entra is null ? policy : null,
            SasKey = entra is null ? key : null,
            Entra = entra,
            Proxy = proxy,
            ConsumerGroup = consumerGroup,
            Transport = transport,
            Port = resolvedPort,
            TrustedCertificatePath = trusted,
            PullInterval = pullInterval,
            InitialPosition = initial,
            MaxEventsPerPull = maxEvents,
            MaxPullDuration = maxDuration,
            Prefetch = prefetch,
            PrefetchBytes = prefetchBytes,
            BatchMessages = batchMessages,
            BatchBytes = batchBytes,
            OwnerLevel = ownerLevel,
            OperationTimeout = operationTimeout,
            MaxRetries = maxRetries,
            OnInvalidCheckpoint = onInvalid,
            Tables = tables,
        };
    }

    /// <summary>A short namespace name gets the cloud's domain suffix; a dotted name is taken as the host.</summary>
    internal static string NamespaceHost(string ns, string? domainSuffix)
    {
        ns = ns.Trim();
        if (ns.StartsWith("sb://", StringComparison.OrdinalIgnoreCase))
        {
            ns = ns[5..].TrimEnd('/');
        }

        return ns.Contains('.') || IsLoopback(ns) ? ns : $"{ns}.{domainSuffix ?? EventHubConstants.DefaultDomainSuffix}";
    }

    /// <summary>The Event Hubs Kafka endpoint's port.</summary>
    internal const int KafkaPort = 9093;

    internal static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    [GeneratedRegex(@"^(localhost|[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:]+\])$")]
    private static partial Regex HostPattern();
}
