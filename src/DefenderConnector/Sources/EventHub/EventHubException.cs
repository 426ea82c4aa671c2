namespace DefenderConnector.Sources.EventHub;

/// <summary>An Event Hub failure, classified once. The message never contains a key or token.</summary>
internal sealed class EventHubException : Exception
{
    public EventHubException(EventHubFailureReason reason, bool isTransient, string message, Exception? inner = null)
        : base(message, inner)
    {
        Reason = reason;
        IsTransient = isTransient;
    }

    public EventHubFailureReason Reason { get; }

    /// <summary>True when retrying (after reconnecting from the last delivered position) may succeed.</summary>
    public bool IsTransient { get; }

    /// <summary>The AMQP error condition, when the failure came from the service.</summary>
    public string? Condition { get; init; }
}
