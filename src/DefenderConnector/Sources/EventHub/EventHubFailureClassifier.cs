using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.RegularExpressions;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// Maps AMQP error conditions, <c>$cbs</c>/<c>$management</c> status codes and socket/TLS exceptions
/// onto <see cref="EventHubFailureReason"/> with a transient flag. Pure functions: the retry decision
/// (<see cref="EventHubRetryPolicy"/>) only looks at the result. The table follows the service's
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
    /// The condition a request/response status code stands for when the reply carries no
    /// <c>error-condition</c> (the .NET client's mapping); null for success (200, 202).
    /// </summary>
    public static string? ConditionForStatus(int statusCode, EventHubOperation operation) => statusCode switch
    {
        200 or 202 => null,
        400 => "com.microsoft:argument-error",
        401 => "amqp:unauthorized-access",

        // For a put-token a 403 means the policy lacks the Listen claim; elsewhere it is a quota.
        403 => operation == EventHubOperation.Authorize ? "amqp:unauthorized-access" : "amqp:resource-limit-exceeded",
        404 => "amqp:not-found",
        408 => "com.microsoft:timeout",
        410 => "amqp:link:stolen",
        500 or 502 or 504 => "amqp:internal-error",
        503 => "com.microsoft:server-busy",
        _ => "unknown-status",
    };

    /// <summary>Classifies an exception from the socket, TLS or AMQP layers.</summary>
    public static FailureClassification Classify(Exception exception, EventHubOperation operation)
    {
        switch (exception)
        {
            case EventHubException known:
                return new(known.Reason, known.IsTransient);
            case Amqp.AmqpException { Error.Condition: null }:
                // The AMQP library raises an error without a condition when the socket under it aborted.
                return new(EventHubFailureReason.ConnectionLost, true);
            case Amqp.AmqpException amqp:
                return Classify(amqp.Error?.Condition?.ToString(), amqp.Error?.Description, operation);
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
