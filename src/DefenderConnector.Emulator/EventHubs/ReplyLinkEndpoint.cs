using Amqp.Framing;
using Amqp.Listener;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>The client's receiving half of a request/response pair; registered on the connection until it closes.</summary>
internal sealed class ReplyLinkEndpoint(ConnectionState connection) : LinkEndpoint
{
    public override void OnMessage(MessageContext messageContext) =>
        messageContext.Complete(new Error(Amqp.ErrorCode.NotAllowed) { Description = "A reply link does not accept messages." });

    // Replies are few and the client grants credit up front; the emulator does not hold them back.
    public override void OnFlow(FlowContext flowContext)
    {
    }

    public override void OnDisposition(DispositionContext dispositionContext)
    {
    }

    public override void OnLinkClosed(ListenerLink link, Error error) => connection.RemoveReplyLink(link);
}
