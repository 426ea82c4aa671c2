using Amqp;
using Amqp.Framing;
using Amqp.Listener;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>
/// The client's sending half of a request/response pair. Replies go to the client's receiving link on the
/// same connection whose name or target address equals the request's reply-to: rhea (the JS client) names
/// its reply link and leaves the target empty, azure-amqp and AMQPNetLite set the target address. A request
/// without reply-to (Microsoft's Python client sends none) is answered on the newest receiving link attached
/// to the same node in the same session, else on the same connection. The message-id may be any AMQP
/// message-id type (the Python client numbers its requests with a ulong); the reply's correlation-id
/// carries it back unchanged.
/// </summary>
internal sealed class RequestLinkEndpoint(IRequestHandler handler, ConnectionState connection, string node) : LinkEndpoint
{
    public override void OnMessage(MessageContext messageContext)
    {
        var request = messageContext.Message;
        string? replyTo = request.Properties?.ReplyTo;
        var replyLink = replyTo is null
            ? connection.FindReplyLink(node, messageContext.Link.Session)
            : connection.FindReplyLink(replyTo);
        if (replyLink is null)
        {
            messageContext.Complete(new Error(ErrorCode.NotFound)
            {
                Description = replyTo is null
                    ? $"No receiving link is attached to {node} on this connection; attach it before sending requests."
                    : "No reply link matches the request's reply-to; attach the receiving link first.",
            });
            return;
        }

        messageContext.Complete();
        var reply = handler.Handle(request, connection);
        reply.Properties ??= new Properties();
        reply.Properties.SetCorrelationId(request.Properties?.GetMessageId());
        try
        {
            replyLink.SendMessage(reply);
        }
        catch (AmqpException)
        {
            // The reply link closed meanwhile; the client will time out and retry.
        }
    }

    public override void OnFlow(FlowContext flowContext)
    {
    }

    public override void OnDisposition(DispositionContext dispositionContext)
    {
    }
}
