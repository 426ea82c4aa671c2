using Amqp;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>
/// The <c>$cbs</c> node: put-token with a SAS token for an audience. A valid token is remembered on the
/// connection (audience path, expiry) and answered 202; anything else gets 401 (or 404 for another hub).
/// </summary>
internal sealed class CbsRequestProcessor(EventHubStore store, SasTokenValidator validator) : IRequestHandler
{
    public Message Handle(Message request, ConnectionState connection)
    {
        string? operation = AmqpReplies.GetString(request, "operation");
        string? type = AmqpReplies.GetString(request, "type");
        string? audience = AmqpReplies.GetString(request, "name");
        if (operation != "put-token" || audience is null)
        {
            return AmqpReplies.Status(400, "Only put-token with a name (audience) is supported.", ErrorCode.InvalidField);
        }

        if (type == EventHubConstants.JwtTokenType)
        {
            return AmqpReplies.Status(401, "JWT tokens are not supported by the emulator; use a SAS token.", ErrorCode.UnauthorizedAccess);
        }

        if (type != EventHubConstants.SasTokenType)
        {
            return AmqpReplies.Status(400, $"Unknown token type '{type}'.", ErrorCode.InvalidField);
        }

        var (_, path) = SasTokenValidator.SplitUri(audience);
        string hub = path.Split('/')[0];
        if (hub.Length > 0 && !store.IsHub(hub))
        {
            return AmqpReplies.Status(404, AmqpReplies.NotFoundText(audience), ErrorCode.NotFound);
        }

        string? token = request.Body as string;
        var check = validator.Validate(token, audience, compareHost: true);
        if (!check.Succeeded)
        {
            return AmqpReplies.Status(check.StatusCode, check.Description, ErrorCode.UnauthorizedAccess);
        }

        connection.Authorize(path, check.Expiry);
        return AmqpReplies.Status(202, "Accepted");
    }
}
