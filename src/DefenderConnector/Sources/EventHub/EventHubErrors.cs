using System.Text.RegularExpressions;
using DefenderConnector.Pulling;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// Builds <see cref="ConnectorException"/>s with a classified reason and a message that says what was
/// being done and what the service answered. Service text passes through <see cref="Redact"/>, so
/// an echoed token can never reach a log or report.
/// </summary>
internal static partial class EventHubErrors
{
    public static ConnectorException FromCondition(EventHubOperation operation, string what, string? condition, string? description)
    {
        var verdict = EventHubFailureClassifier.Classify(condition, description, operation);
        var said = string.IsNullOrWhiteSpace(description) ? condition ?? "no error condition" : $"{condition}: {Redact(description)}";
        return new ConnectorException(verdict.Reason, verdict.IsTransient, $"{what} failed ({said}).") { Condition = condition };
    }

    public static ConnectorException FromException(EventHubOperation operation, string what, Exception exception)
    {
        if (exception is ConnectorException { IsEventHub: true } known)
        {
            return known;
        }

        var verdict = EventHubFailureClassifier.Classify(exception, operation);
        return new ConnectorException(verdict.Reason, verdict.IsTransient, $"{what} failed ({Describe(exception)}).", exception);
    }

    /// <summary>Adds what to check for the failures a user can fix; the reason stays the same.</summary>
    public static ConnectorException Explain(ConnectorException failure, EventHubSourceOptions options, string? tlsRefusal = null)
    {
        var hint = failure.EventHubReason switch
        {
            EventHubFailureReason.TlsFailure when tlsRefusal is not null => $" TLS refused: {tlsRefusal}.",
            EventHubFailureReason.Unauthorized when options.Entra is not null && failure.Message.Contains("ExpiredToken", StringComparison.Ordinal) =>
                " The token Entra issued had already expired when the service checked it: check that this machine's clock is right (NTP), then the clock of the identity endpoint.",
            EventHubFailureReason.Unauthorized when options.Entra is not null => $" Check the eventHub.entra settings ({options.Entra.Describe()}) and that the identity holds the role Azure Event Hubs Data Receiver on the event hub or namespace.",
            EventHubFailureReason.Unauthorized => " Check eventHub.sasKey (the key of the policy named in eventHub.sasPolicyName).",
            EventHubFailureReason.UnknownPolicy => $" The namespace has no policy named '{options.SasPolicyName}': check eventHub.sasPolicyName.",
            EventHubFailureReason.HubNotFound => $" Check eventHub.hubName ('{options.HubName}').",
            EventHubFailureReason.ConsumerGroupNotFound => $" Check eventHub.consumerGroup ('{options.ConsumerGroup}').",
            EventHubFailureReason.OwnershipLost => " Another reader with a higher owner level (eventHub.ownerLevel) took the partition.",
            EventHubFailureReason.ProxyAuthenticationFailed => " The HTTP proxy refused the credentials: check eventHub.proxy.username and eventHub.proxy.password.",
            _ => string.Empty,
        };
        return hint.Length == 0 || failure.Message.EndsWith(hint, StringComparison.Ordinal)
            ? failure
            : new ConnectorException(failure.EventHubReason, failure.IsTransient, failure.Message + hint, failure.InnerException ?? failure) { Condition = failure.Condition };
    }

    /// <summary>Removes anything that looks like a SAS token or signature from text that came from elsewhere.</summary>
    public static string Redact(string text) => SignaturePattern().Replace(TokenPattern().Replace(text, "SharedAccessSignature ***"), "sig=***");

    /// <summary>
    /// What the service or the network said, in one line: the SDK's own text (without its trailing
    /// troubleshooting link), or the innermost socket, TLS or proxy message.
    /// </summary>
    internal static string Describe(Exception exception)
    {
        var innermost = exception;
        while (innermost.InnerException is not null && innermost is not System.Net.Sockets.SocketException
            && innermost is not Azure.Messaging.EventHubs.EventHubsException && innermost is not UnauthorizedAccessException
            && innermost is not Azure.Identity.AuthenticationFailedException && innermost is not Azure.Identity.CredentialUnavailableException)
        {
            innermost = innermost.InnerException;
        }

        var text = FirstLine(innermost.Message);
        if (innermost is Azure.Identity.AuthenticationFailedException { InnerException: { } signIn } && FirstLine(signIn.Message) is { Length: > 0 } said)
        {
            // Azure.Identity's first line only names the credential; Entra's answer (AADSTS code and reason) is the cause's.
            text = $"{text.TrimEnd(':', ' ')}: {said}";
        }

        return Redact(text.Trim().TrimEnd('.'));
    }

    private static string FirstLine(string text)
    {
        var link = text.IndexOf("For troubleshooting information", StringComparison.Ordinal);
        if (link >= 0)
        {
            text = text[..link];
        }

        var line = text.IndexOfAny(['\r', '\n']);
        return (line >= 0 ? text[..line] : text).Trim();
    }

    [GeneratedRegex(@"SharedAccessSignature\s+[^\s'""]+", RegexOptions.IgnoreCase)]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"sig=[^&\s'""]+", RegexOptions.IgnoreCase)]
    private static partial Regex SignaturePattern();
}
