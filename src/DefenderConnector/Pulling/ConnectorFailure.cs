namespace DefenderConnector.Pulling;

/// <summary>The closed set of places a pull can fail; <see cref="ConnectorException.Code"/> says what exactly went wrong there.</summary>
internal enum ConnectorFailure
{
    /// <summary>Event Hubs, classified by <c>EventHubFailureClassifier</c> (code: an <c>EventHubFailureReason</c>).</summary>
    EventHub,

    /// <summary>Microsoft Graph, the legacy APIs or Entra ID, classified by <c>GraphFailureClassifier</c> (code: a <c>GraphFailureReason</c>).</summary>
    Graph,

    /// <summary>Azure Storage (the Streaming API's export), classified by <c>StorageFailureClassifier</c> (code: a <c>StorageFailureReason</c>).</summary>
    Storage,

    /// <summary>The state database could not be read or written (code <c>StateFailed</c>).</summary>
    State,

    /// <summary>The host's sink did not store a batch (code <c>SinkFailed</c>).</summary>
    Sink,
}
