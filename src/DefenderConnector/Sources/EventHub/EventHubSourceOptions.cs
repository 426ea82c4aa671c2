namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// The Event Hub source's settings after validation (the FortiSIEM credential set or a connection
/// string). Immutable; secrets are held as <see cref="Configuration.Secret"/>.
/// </summary>
internal sealed record EventHubSourceOptions
{
    /// <summary>Fully qualified namespace host, for example <c>contoso.servicebus.windows.net</c>, or a loopback host for the emulator.</summary>
    public required string FullyQualifiedNamespace { get; init; }

    public required string HubName { get; init; }

    /// <summary>The SAS policy; null when <see cref="Entra"/> signs in instead.</summary>
    public string? SasPolicyName { get; init; }

    public Configuration.Secret? SasKey { get; init; }

    /// <summary>Entra ID sign-in (role "Azure Event Hubs Data Receiver") instead of a SAS policy.</summary>
    public EntraOptions? Entra { get; init; }

    /// <summary>The HTTP proxy AMQP over WebSockets (and Entra token requests) go through.</summary>
    public Configuration.ProxySettings? Proxy { get; init; }

    public string ConsumerGroup { get; init; } = EventHubConstants.DefaultConsumerGroup;

    public EventHubTransportKind Transport { get; init; } = EventHubTransportKind.Amqps;

    /// <summary>The TCP port; defaults by transport (5671, 5672, 443).</summary>
    public int Port { get; init; } = EventHubConstants.AmqpsPort;

    /// <summary>A PEM certificate (file path) trusted in addition to the system store, for an emulator with a test certificate.</summary>
    public string? TrustedCertificatePath { get; init; }

    public TimeSpan PullInterval { get; init; } = EventHubConstants.DefaultPullInterval;

    public StartPosition InitialPosition { get; init; } = StartPosition.Earliest;

    public long MaxEventsPerPull { get; init; } = EventHubConstants.DefaultMaxEventsPerPull;

    public TimeSpan MaxPullDuration { get; init; } = EventHubConstants.DefaultMaxPullDuration;

    /// <summary>AMQP link credit per partition receiver, in messages; used only when <see cref="PrefetchBytes"/> is null.</summary>
    public int Prefetch { get; init; } = EventHubConstants.DefaultPrefetch;

    /// <summary>The SDK's prefetch cache per partition receiver, in bytes (<c>PrefetchSizeInBytes</c>); null counts messages instead.</summary>
    public long? PrefetchBytes { get; init; } = EventHubConstants.DefaultPrefetchBytes;

    /// <summary>Messages per sink batch, at most.</summary>
    public int BatchMessages { get; init; } = EventHubConstants.DefaultBatchMessages;

    /// <summary>Message bytes one receive (one sink batch) holds, about: the message count asked for is derived from it.</summary>
    public long BatchBytes { get; init; } = EventHubConstants.DefaultBatchBytes;

    /// <summary>Owner level (epoch) for receivers; null for none.</summary>
    public long? OwnerLevel { get; init; }

    public TimeSpan OperationTimeout { get; init; } = EventHubConstants.DefaultOperationTimeout;

    public int MaxRetries { get; init; } = EventHubConstants.DefaultMaxRetries;

    /// <summary>What to do with a checkpoint beyond a partition's tail or older than its retention (<c>onInvalidCheckpoint</c>).</summary>
    public Pulling.InvalidCheckpointAction OnInvalidCheckpoint { get; init; } = Pulling.InvalidCheckpointAction.Earliest;

    /// <summary>The tables delivered (<c>tables.include</c> / <c>tables.exclude</c>); records of other tables are counted and dropped before mapping.</summary>
    public Filtering.TableFilter Tables { get; init; } = Filtering.TableFilter.All;

    /// <summary>The checkpoint stream key: namespace/hub/consumer group, lowercased (as the Azure SDKs do).</summary>
    public string StreamKey => $"{FullyQualifiedNamespace}/{HubName}/{ConsumerGroup}".ToLowerInvariant();

    /// <summary>Safe to print: no secret.</summary>
    public string Describe() =>
        $"Event Hub {HubName} in {FullyQualifiedNamespace}:{Port} ({Transport.ToString().ToLowerInvariant()}), consumer group {ConsumerGroup}, {Identity}{(Proxy is null ? string.Empty : $", through proxy {Proxy}")}";

    /// <summary>Who signs in, safe to print: the SAS policy name or the Entra identity.</summary>
    public string Identity => Entra?.Describe() ?? $"policy {SasPolicyName}";
}
