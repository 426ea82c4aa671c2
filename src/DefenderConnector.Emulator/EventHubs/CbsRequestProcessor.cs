using Amqp;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>
/// The <c>$cbs</c> node: put-token with a SAS token for an audience. A valid token is remembered on the
/// connection (audience path, expiry) and answered 202; anything else gets 401 (or 404 for another hub).
/// Like the service, the token itself says what it is: a <c>SharedAccessSignature</c> token is checked as
/// SAS whether the type says <c>servicebus.windows.net:sastoken</c> or <c>jwt</c> (Microsoft's Python
/// client sends SAS tokens typed "jwt"), and the token may come as a string or as UTF-8 bytes. Replies carry
/// status-code and status-description only, no error-condition: that is all azure-amqp's CBS link reads, and
/// Microsoft's Python client treats an error-condition on a $cbs reply as a failed exchange and drops the
/// status and description its users would need.
/// </summary>
/// <remarks>
/// Any other token typed <c>jwt</c> is an Entra bearer token, checked by <see cref="EntraTokenValidator"/>
/// when the emulator was given the Entra stand-in's directory; it authorizes the audience path with the
/// rights of the app's role assignments.
/// </remarks>
internal sealed class CbsRequestProcessor(EventHubStore store, SasTokenValidator validator, EntraTokenValidator? entra) : IRequestHandler
{
    public Message Handle(Message request, ConnectionState connection)
    {
        string? operation = AmqpReplies.GetString(request, "operation");
        string? type = AmqpReplies.GetString(request, "type");
        string? audience = AmqpReplies.GetString(request, "name");
        if (operation != "put-token" || audience is null)
        {
            return AmqpReplies.Status(400, "Only put-token with a name (audience) is supported.");
        }

        if (type is not (EventHubConstants.SasTokenType or EventHubConstants.JwtTokenType))
        {
            return AmqpReplies.Status(400, $"Unknown token type '{type}'.");
        }

        var (_, path) = SasTokenValidator.SplitUri(audience);
        string hub = path.Split('/')[0];
        if (hub.Length > 0 && !store.IsHub(hub))
        {
            return AmqpReplies.Status(404, AmqpReplies.NotFoundText(audience));
        }

        string? token = AmqpReplies.Text(request.Body);
        if (token is not null && !SasTokenValidator.IsSasToken(token) && type == EventHubConstants.JwtTokenType)
        {
            if (entra is null)
            {
                return AmqpReplies.Status(401, "InvalidIssuer: Token issuer is invalid. (This emulator was started without an Entra directory; use a SAS token.)");
            }

            var grant = entra.Validate(token);
            if (!grant.Succeeded) { return AmqpReplies.Status(401, grant.Description); }

            connection.Authorize(path, grant.Expiry, grant.Rights);
            return AmqpReplies.Status(202, "Accepted");
        }

        var check = validator.Validate(token, audience, compareHost: true);
        if (!check.Succeeded)
        {
            return AmqpReplies.Status(check.StatusCode, check.Description);
        }

        connection.Authorize(path, check.Expiry);
        return AmqpReplies.Status(202, "Accepted");
    }
}
