using DefenderConnector.Pulling;

namespace DefenderConnector.Sources.EventHub;

/// <summary>An Event Hub failure, classified once: a <see cref="ConnectorException"/> with the Event Hub reason and AMQP condition. The message never contains a key or token.</summary>
internal sealed class EventHubException : ConnectorException
{
    public EventHubException(EventHubFailureReason reason, bool isTransient, string message, Exception? inner = null)
        : base(ConnectorFailure.EventHub, reason.ToString(), isTransient, message, inner)
    {
        Reason = reason;
    }

    public EventHubFailureReason Reason { get; }

    /// <summary>The AMQP error condition, when the failure came from the service.</summary>
    public string? Condition { get; init; }
}
