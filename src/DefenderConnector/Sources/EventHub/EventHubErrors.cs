using System.Text.RegularExpressions;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// Builds <see cref="EventHubException"/>s with a classified reason and a message that says what was
/// being done and what the service answered. Service text passes through <see cref="Redact"/>, so
/// an echoed token can never reach a log or report.
/// </summary>
internal static partial class EventHubErrors
{
    public static EventHubException FromCondition(EventHubOperation operation, string what, string? condition, string? description)
    {
        var verdict = EventHubFailureClassifier.Classify(condition, description, operation);
        var said = string.IsNullOrWhiteSpace(description) ? condition ?? "no error condition" : $"{condition}: {Redact(description)}";
        return new EventHubException(verdict.Reason, verdict.IsTransient, $"{what} failed ({said}).") { Condition = condition };
    }

    public static EventHubException FromStatus(EventHubOperation operation, string what, int status, string? condition, string? description)
    {
        condition ??= EventHubFailureClassifier.ConditionForStatus(status, operation);
        var verdict = EventHubFailureClassifier.Classify(condition, description, operation);
        var said = string.IsNullOrWhiteSpace(description) ? $"status {status}" : $"status {status}: {Redact(description)}";
        return new EventHubException(verdict.Reason, verdict.IsTransient, $"{what} failed ({said}).") { Condition = condition };
    }

    public static EventHubException FromException(EventHubOperation operation, string what, Exception exception)
    {
        if (exception is EventHubException known)
        {
            return known;
        }

        if (exception is Amqp.AmqpException { Error.Condition: not null } amqp)
        {
            var error = FromCondition(operation, what, amqp.Error?.Condition?.ToString(), amqp.Error?.Description);
            return new EventHubException(error.Reason, error.IsTransient, error.Message, exception) { Condition = error.Condition };
        }

        var verdict = EventHubFailureClassifier.Classify(exception, operation);
        return new EventHubException(verdict.Reason, verdict.IsTransient, $"{what} failed ({Describe(exception)}).", exception);
    }

    /// <summary>A link or connection closed by the peer (or dropped); a close without error is a lost connection.</summary>
    public static EventHubException FromClose(EventHubOperation operation, string what, Amqp.Framing.Error? error) =>
        error?.Condition is null
            ? new EventHubException(EventHubFailureReason.ConnectionLost, true, $"{what}: the connection closed without an error.")
            : FromCondition(operation, what, error.Condition.ToString(), error.Description);

    /// <summary>Adds what to check for the failures a user can fix; the reason stays the same.</summary>
    public static EventHubException Explain(EventHubException failure, EventHubSourceOptions options, string? tlsRefusal = null)
    {
        var hint = failure.Reason switch
        {
            EventHubFailureReason.TlsFailure when tlsRefusal is not null => $" TLS refused: {tlsRefusal}.",
            EventHubFailureReason.Unauthorized => " Check eventHub.sasKey (the key of the policy named in eventHub.sasPolicyName).",
            EventHubFailureReason.UnknownPolicy => $" The namespace has no policy named '{options.SasPolicyName}': check eventHub.sasPolicyName.",
            EventHubFailureReason.HubNotFound => $" Check eventHub.hubName ('{options.HubName}').",
            EventHubFailureReason.ConsumerGroupNotFound => $" Check eventHub.consumerGroup ('{options.ConsumerGroup}').",
            EventHubFailureReason.OwnershipLost => " Another reader with a higher owner level (eventHub.ownerLevel) took the partition.",
            _ => string.Empty,
        };
        return hint.Length == 0 || failure.Message.EndsWith(hint, StringComparison.Ordinal)
            ? failure
            : new EventHubException(failure.Reason, failure.IsTransient, failure.Message + hint, failure.InnerException ?? failure) { Condition = failure.Condition };
    }

    /// <summary>Removes anything that looks like a SAS token or signature from text that came from elsewhere.</summary>
    public static string Redact(string text) => SignaturePattern().Replace(TokenPattern().Replace(text, "SharedAccessSignature ***"), "sig=***");

    private static string Describe(Exception exception)
    {
        var innermost = exception;
        while (innermost.InnerException is not null && innermost is not System.Net.Sockets.SocketException)
        {
            innermost = innermost.InnerException;
        }

        return Redact(innermost.Message.TrimEnd('.'));
    }

    [GeneratedRegex(@"SharedAccessSignature\s+[^\s'""]+", RegexOptions.IgnoreCase)]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"sig=[^&\s'""]+", RegexOptions.IgnoreCase)]
    private static partial Regex SignaturePattern();
}
