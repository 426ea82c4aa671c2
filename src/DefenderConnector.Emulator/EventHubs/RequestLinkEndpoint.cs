using Amqp;
using Amqp.Framing;
using Amqp.Listener;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>
/// The client's sending half of a request/response pair. Replies go to the client's receiving link on the
/// same connection whose name or target address equals the request's reply-to: rhea (the JS client) names
/// its reply link and leaves the target empty, azure-amqp and AMQPNetLite set the target address.
/// </summary>
internal sealed class RequestLinkEndpoint(IRequestHandler handler, ConnectionState connection) : LinkEndpoint
{
    public override void OnMessage(MessageContext messageContext)
    {
        var request = messageContext.Message;
        string? replyTo = request.Properties?.ReplyTo;
        var replyLink = replyTo is null ? null : connection.FindReplyLink(replyTo);
        if (replyLink is null)
        {
            messageContext.Complete(new Error(ErrorCode.NotFound)
            {
                Description = "No reply link matches the request's reply-to; attach the receiving link first.",
            });
            return;
        }

        messageContext.Complete();
        var reply = handler.Handle(request, connection);
        reply.Properties ??= new Properties();
        reply.Properties.CorrelationId = request.Properties!.MessageId;
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
