using Amqp;
using Amqp.Listener;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>
/// The <c>$cbs</c> node: put-token with a SAS token for an audience. A valid token is remembered on the
/// connection (audience path, expiry) and answered 202; anything else gets 401 (or 404 for another hub).
/// </summary>
internal sealed class CbsRequestProcessor(EventHubStore store, SasTokenValidator validator, ConnectionRegistry connections)
    : IRequestProcessor
{
    public int Credit => EventHubConstants.RequestLinkCredit;

    public void Process(RequestContext requestContext)
    {
        var request = requestContext.Message;
        string? operation = AmqpReplies.GetString(request, "operation");
        string? type = AmqpReplies.GetString(request, "type");
        string? audience = AmqpReplies.GetString(request, "name");
        if (operation != "put-token" || audience is null)
        {
            requestContext.Complete(AmqpReplies.Status(400, "Only put-token with a name (audience) is supported.", ErrorCode.InvalidField));
            return;
        }

        if (type == EventHubConstants.JwtTokenType)
        {
            requestContext.Complete(AmqpReplies.Status(401, "JWT tokens are not supported by the emulator; use a SAS token.", ErrorCode.UnauthorizedAccess));
            return;
        }

        if (type != EventHubConstants.SasTokenType)
        {
            requestContext.Complete(AmqpReplies.Status(400, $"Unknown token type '{type}'.", ErrorCode.InvalidField));
            return;
        }

        var (_, path) = SasTokenValidator.SplitUri(audience);
        string hub = path.Split('/')[0];
        if (hub.Length > 0 && !store.IsHub(hub))
        {
            requestContext.Complete(AmqpReplies.Status(404, AmqpReplies.NotFoundText(audience), ErrorCode.NotFound));
            return;
        }

        string? token = request.Body as string;
        var check = validator.Validate(token, audience, compareHost: true);
        if (!check.Succeeded)
        {
            requestContext.Complete(AmqpReplies.Status(check.StatusCode, check.Description, ErrorCode.UnauthorizedAccess));
            return;
        }

        connections.Get(requestContext.Link.Session.Connection).Authorize(path, check.Expiry);
        requestContext.Complete(AmqpReplies.Status(202, "Accepted"));
    }
}
