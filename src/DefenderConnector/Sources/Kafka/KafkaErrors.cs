using Confluent.Kafka;
using DefenderConnector.Pulling;
using DefenderConnector.Sources.EventHub;

namespace DefenderConnector.Sources.Kafka;

/// <summary>
/// Turns librdkafka's errors into the connector's classified failures. Its messages name brokers and
/// error codes, never the SASL password.
/// </summary>
internal static class KafkaErrors
{
    public static T Run<T>(Func<T> operation, string what)
    {
        try
        {
            return operation();
        }
        catch (KafkaException e)
        {
            throw Classify(e.Error, what, e);
        }
    }

    public static void Run(Action operation, string what) => Run(() => { operation(); return true; }, what);

    public static ConnectorException Classify(Error error, string what, Exception? inner = null)
    {
        var (reason, transient) = error.Code switch
        {
            ErrorCode.SaslAuthenticationFailed or ErrorCode.Local_Authentication or ErrorCode.TopicAuthorizationFailed
                or ErrorCode.GroupAuthorizationFailed or ErrorCode.ClusterAuthorizationFailed => (EventHubFailureReason.Unauthorized, false),
            ErrorCode.UnknownTopicOrPart or ErrorCode.Local_UnknownTopic or ErrorCode.Local_UnknownPartition => (EventHubFailureReason.HubNotFound, false),
            ErrorCode.Local_Resolve => (EventHubFailureReason.DnsFailure, true),
            ErrorCode.Local_Ssl => (EventHubFailureReason.TlsFailure, false),
            ErrorCode.Local_TimedOut or ErrorCode.RequestTimedOut => (EventHubFailureReason.Timeout, true),
            ErrorCode.Local_Transport or ErrorCode.Local_AllBrokersDown or ErrorCode.NetworkException => (EventHubFailureReason.ConnectionLost, true),
            ErrorCode.NotCoordinatorForGroup or ErrorCode.GroupLoadInProgress or ErrorCode.GroupCoordinatorNotAvailable
                or ErrorCode.LeaderNotAvailable or ErrorCode.NotLeaderForPartition or ErrorCode.RebalanceInProgress => (EventHubFailureReason.ServerBusy, true),
            ErrorCode.PolicyViolation or ErrorCode.ThrottlingQuotaExceeded => (EventHubFailureReason.ResourceLimitExceeded, true),
            _ => (error.IsFatal ? EventHubFailureReason.ServiceError : EventHubFailureReason.Unknown, !error.IsFatal),
        };
        var advice = reason == EventHubFailureReason.Unauthorized
            ? " Check eventHub.sasPolicyName and eventHub.sasKey (or eventHub.connectionString) (the policy needs Listen), and that the namespace is Standard or above (Basic has no Kafka endpoint)."
            : string.Empty;
        return new ConnectorException(reason, transient, $"Kafka: could not {what}: {error.Reason} ({error.Code}).{advice}", inner);
    }
}
