namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// What the client was doing when a failure happened. The service answers <c>amqp:not-found</c> for
/// both a missing hub and a missing consumer group, so the operation helps tell them apart.
/// </summary>
internal enum EventHubOperation
{
    /// <summary>Opening the socket, TLS, SASL or the AMQP connection.</summary>
    Connect,

    /// <summary>A <c>$cbs</c> put-token.</summary>
    Authorize,

    /// <summary>A <c>$management</c> read of hub or partition properties.</summary>
    Management,

    /// <summary>Attaching or using a partition receiver.</summary>
    Receive,
}
