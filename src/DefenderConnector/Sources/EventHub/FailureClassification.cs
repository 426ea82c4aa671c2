namespace DefenderConnector.Sources.EventHub;

/// <summary>The classifier's verdict: a closed reason and whether a retry (after reconnecting) may help.</summary>
internal readonly record struct FailureClassification(EventHubFailureReason Reason, bool IsTransient);
