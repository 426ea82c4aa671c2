namespace DefenderConnector.Sources.EventHub;

/// <summary>The closed set of Event Hub failures. <see cref="EventHubFailureClassifier"/> maps what the Event Hubs SDK, the sockets, TLS and the proxy raise onto it.</summary>
internal enum EventHubFailureReason
{
    /// <summary>The host name does not resolve.</summary>
    DnsFailure,

    /// <summary>Nothing listens at the host and port, or the connection was refused or timed out.</summary>
    ConnectionRefused,

    /// <summary>The TLS handshake failed (untrusted or mismatched certificate, protocol error).</summary>
    TlsFailure,

    /// <summary>The SAS key is wrong or the token expired (<c>amqp:unauthorized-access</c>).</summary>
    Unauthorized,

    /// <summary>The SAS policy name is not known to the namespace.</summary>
    UnknownPolicy,

    /// <summary>The event hub does not exist (<c>amqp:not-found</c>).</summary>
    HubNotFound,

    /// <summary>The consumer group does not exist (<c>amqp:not-found</c> on a receiver).</summary>
    ConsumerGroupNotFound,

    /// <summary>A receiver with a higher owner level took the partition (<c>amqp:link:stolen</c>).</summary>
    OwnershipLost,

    /// <summary>A quota was hit, such as five readers per partition and consumer group (<c>amqp:resource-limit-exceeded</c>).</summary>
    ResourceLimitExceeded,

    /// <summary>The service is throttling (<c>com.microsoft:server-busy</c>).</summary>
    ServerBusy,

    /// <summary>An operation timed out (<c>com.microsoft:timeout</c> or no reply in time).</summary>
    Timeout,

    /// <summary>The service closed the link or connection (<c>amqp:link:detach-forced</c>, <c>amqp:connection:forced</c>) or the socket dropped.</summary>
    ConnectionLost,

    /// <summary>A partition id or position the service rejects (<c>com.microsoft:argument-out-of-range</c>, <c>argument-error</c>).</summary>
    InvalidArgument,

    /// <summary>The entity is disabled (<c>com.microsoft:entity-disabled</c>).</summary>
    EntityDisabled,

    /// <summary>The service reported an internal error (<c>amqp:internal-error</c>).</summary>
    ServiceError,

    /// <summary>The HTTP proxy refused the credentials (407 Proxy Authentication Required).</summary>
    ProxyAuthenticationFailed,

    /// <summary>Anything else.</summary>
    Unknown,
}
