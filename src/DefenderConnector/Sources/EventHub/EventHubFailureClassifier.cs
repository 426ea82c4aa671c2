using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.RegularExpressions;
using Azure.Messaging.EventHubs;
using DefenderConnector.Pulling;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// Maps what the Event Hubs SDK raises (its exception types and the AMQP error conditions beneath
/// them) and socket, TLS and proxy exceptions onto <see cref="EventHubFailureReason"/> with a
/// transient flag. Pure functions: the retry decision (<see cref="EventHubRetryDecision"/>) only
/// looks at the result. The table follows the service's
/// documented conditions (reference/eventhubs.md, "Errors the service sends").
/// </summary>
internal static partial class EventHubFailureClassifier
{
    public static FailureClassification Classify(string? condition, string? description, EventHubOperation operation) => condition switch
    {
        "amqp:link:stolen" => new(EventHubFailureReason.OwnershipLost, false),
        "amqp:resource-limit-exceeded" => new(EventHubFailureReason.ResourceLimitExceeded, false),
        "amqp:unauthorized-access" => new(IsUnknownPolicy(description) ? EventHubFailureReason.UnknownPolicy : EventHubFailureReason.Unauthorized, false),
        "amqp:not-found" => new(IsConsumerGroupMissing(description, operation) ? EventHubFailureReason.ConsumerGroupNotFound : EventHubFailureReason.HubNotFound, false),
        "com.microsoft:server-busy" => new(EventHubFailureReason.ServerBusy, true),
        "com.microsoft:timeout" => new(EventHubFailureReason.Timeout, true),
        "amqp:internal-error" => new(EventHubFailureReason.ServiceError, true),
        "amqp:connection:forced" or "amqp:link:detach-forced" or "amqp:illegal-state" or "amqp:connection:framing-error"
            or "amqp:session:window-violation" or "amqp:session:errant-link" or "amqp:session:handle-in-use"
            or "amqp:session:unattached-handle" or "amqp:link:transfer-limit-exceeded" => new(EventHubFailureReason.ConnectionLost, true),
        "com.microsoft:argument-out-of-range" or "com.microsoft:argument-error" or "amqp:invalid-field"
            or "com.microsoft:georeplication:invalid-offset" => new(EventHubFailureReason.InvalidArgument, false),
        "com.microsoft:entity-disabled" => new(EventHubFailureReason.EntityDisabled, false),
        _ => new(EventHubFailureReason.Unknown, false),
    };

    /// <summary>
    /// Classifies what the Event Hubs SDK (or the socket, TLS and proxy layers beneath it) raised. The
    /// SDK folds several service conditions into one exception type, so the service's description
    /// tells them apart: a wrong key from an unknown policy, a missing hub from a missing consumer
    /// group or a disabled entity, an internal error from a dropped link.
    /// </summary>
    public static FailureClassification Classify(Exception exception, EventHubOperation operation)
    {
        switch (exception)
        {
            case ConnectorException { IsEventHub: true } known:
                return new(known.EventHubReason, known.IsTransient);
            case Microsoft.Azure.Amqp.AmqpException { Error: null } or Microsoft.Azure.Amqp.AmqpException { Error.Condition.Value: null }:
                // The AMQP library raises an error without a condition when the socket under it aborted.
                return new(EventHubFailureReason.ConnectionLost, true);
            case Microsoft.Azure.Amqp.AmqpException amqp:
                return Classify(amqp.Error?.Condition.Value, amqp.Error?.Description, operation);
            case UnauthorizedAccessException denied:
                return new(IsUnknownPolicy(denied.Message) ? EventHubFailureReason.UnknownPolicy : EventHubFailureReason.Unauthorized, false);
            case EventHubsException service:
                return Classify(service, operation);
            case Azure.Identity.CredentialUnavailableException:
                return new(EventHubFailureReason.Unauthorized, false);
            case Azure.Identity.AuthenticationFailedException signIn:
                // The token endpoint could not be reached (network, proxy, TLS) or refused the identity.
                return signIn.InnerException is { } cause && Classify(cause, operation) is { Reason: not EventHubFailureReason.Unknown } reached
                    && reached.Reason is not EventHubFailureReason.InvalidArgument
                    ? reached
                    : new(EventHubFailureReason.Unauthorized, false);
            case ArgumentException or FormatException:
                // argument-error, argument-out-of-range, an invalid geo-replication offset: the service refused a value.
                return new(EventHubFailureReason.InvalidArgument, false);
            case OperationCanceledException:
                // Pending AMQP operations are cancelled when their connection aborts; a pull's own
                // cancellation never reaches here (it is rethrown as is).
                return new(EventHubFailureReason.ConnectionLost, true);
            case SocketException socket:
                return Classify(socket.SocketErrorCode);
            case AuthenticationException:
                return new(EventHubFailureReason.TlsFailure, false);
            case TimeoutException:
                return new(EventHubFailureReason.Timeout, true);
            case ObjectDisposedException:
                return new(EventHubFailureReason.ConnectionLost, true);
            case System.Net.WebSockets.WebSocketException { InnerException: { } inner }:
                return Classify(inner, operation);
            case System.Net.Http.HttpRequestException { StatusCode: System.Net.HttpStatusCode.ProxyAuthenticationRequired }:
            case System.Net.Http.HttpRequestException { HttpRequestError: System.Net.Http.HttpRequestError.ProxyTunnelError, StatusCode: System.Net.HttpStatusCode.Unauthorized }:
                // A refused CONNECT: 407 as RFC 9110 says; some proxies (tinyproxy) answer 401.
                return new(EventHubFailureReason.ProxyAuthenticationFailed, false);
            case System.Net.Http.HttpRequestException { InnerException: { } inner }:
                return Classify(inner, operation);
            case IOException { InnerException: { } inner }:
                return Classify(inner, operation);
            case IOException or System.Net.WebSockets.WebSocketException:
                return new(EventHubFailureReason.ConnectionLost, true);
            case AggregateException { InnerExceptions.Count: 1 } aggregate:
                return Classify(aggregate.InnerExceptions[0], operation);
            default:
                return new(EventHubFailureReason.Unknown, false);
        }
    }

    private static FailureClassification Classify(EventHubsException service, EventHubOperation operation)
    {
        // A socket, TLS or AMQP cause says more than the SDK's summary of it.
        if (service.InnerException is { } inner && Classify(inner, operation) is { Reason: not EventHubFailureReason.Unknown } cause)
        {
            return cause;
        }

        var text = service.Message;
        return service.Reason switch
        {
            EventHubsException.FailureReason.ConsumerDisconnected => new(EventHubFailureReason.OwnershipLost, false),
            EventHubsException.FailureReason.QuotaExceeded => new(EventHubFailureReason.ResourceLimitExceeded, false),
            EventHubsException.FailureReason.ServiceBusy => new(EventHubFailureReason.ServerBusy, true),
            EventHubsException.FailureReason.ServiceTimeout => new(EventHubFailureReason.Timeout, true),
            EventHubsException.FailureReason.ResourceNotFound when text.Contains("disabled", StringComparison.OrdinalIgnoreCase) => new(EventHubFailureReason.EntityDisabled, false),
            EventHubsException.FailureReason.ResourceNotFound => new(IsConsumerGroupMissing(text, operation) ? EventHubFailureReason.ConsumerGroupNotFound : EventHubFailureReason.HubNotFound, false),
            EventHubsException.FailureReason.ServiceCommunicationProblem when text.Contains("internal", StringComparison.OrdinalIgnoreCase) => new(EventHubFailureReason.ServiceError, true),
            EventHubsException.FailureReason.ServiceCommunicationProblem or EventHubsException.FailureReason.ClientClosed => new(EventHubFailureReason.ConnectionLost, true),
            _ => new(EventHubFailureReason.Unknown, service.IsTransient),
        };
    }

    public static FailureClassification Classify(SocketError error) => error switch
    {
        // A name that does not resolve will not start resolving on a retry seconds later.
        SocketError.HostNotFound or SocketError.NoData => new(EventHubFailureReason.DnsFailure, false),
        SocketError.TryAgain => new(EventHubFailureReason.DnsFailure, true),
        SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable
            or SocketError.HostDown or SocketError.NetworkDown or SocketError.AddressNotAvailable => new(EventHubFailureReason.ConnectionRefused, true),
        SocketError.TimedOut => new(EventHubFailureReason.Timeout, true),
        _ => new(EventHubFailureReason.ConnectionLost, true),
    };

    /// <summary>
    /// Azure and the emulator answer <c>amqp:unauthorized-access</c> both for a wrong key and for a
    /// policy name the namespace does not define; only the description tells them apart.
    /// </summary>
    internal static bool IsUnknownPolicy(string? description)
    {
        if (string.IsNullOrEmpty(description))
        {
            return false;
        }

        var text = description.ToLowerInvariant();
        var namesPolicy = text.Contains("policy") || text.Contains("rule") || text.Contains("key name") || text.Contains("keyname") || text.Contains("skn");
        var missing = text.Contains("not found") || text.Contains("unknown") || text.Contains("does not exist") || text.Contains("not defined")
            || text.Contains("could not be found") || text.Contains("cannot find") || text.Contains("no such");
        return namesPolicy && missing;
    }

    /// <summary>
    /// <c>amqp:not-found</c> means a missing hub or a missing consumer group. Only a receiver attach
    /// can hit a missing group; the description then names the group, or the entity path ends at it
    /// (<c>'…/consumergroups/x'</c>). A missing hub names the hub or the full partition path.
    /// </summary>
    internal static bool IsConsumerGroupMissing(string? description, EventHubOperation operation)
    {
        var text = description?.ToLowerInvariant() ?? string.Empty;
        if (text.Contains("consumer group") || text.Contains("consumer-group"))
        {
            return true;
        }

        return operation == EventHubOperation.Receive && ConsumerGroupPath().IsMatch(text);
    }

    [GeneratedRegex(@"consumergroups/[^/'""\s]+['""]")]
    private static partial Regex ConsumerGroupPath();
}
