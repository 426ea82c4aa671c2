using Amqp.Framing;
using Amqp.Handler;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>
/// Protocol details azure-amqp and rhea clients depend on: every attach advertises max-message-size (the
/// JS producer sizes batches from it), the runtime-metric capability is offered back when desired, and
/// every delivery gets a 16-byte GUID tag. It also registers each opened connection for fault injection.
/// </summary>
internal sealed class EmulatorAmqpHandler(long maxMessageSize, ConnectionRegistry connections) : IHandler
{
    public bool CanHandle(EventId id) => id is EventId.LinkLocalOpen or EventId.SendDelivery or EventId.ConnectionRemoteOpen;

    public void Handle(Event protocolEvent)
    {
        if (protocolEvent.Id == EventId.LinkLocalOpen && protocolEvent.Context is Attach attach)
        {
            attach.MaxMessageSize = (ulong)maxMessageSize;
            if (attach.DesiredCapabilities?.Contains(EventHubConstants.RuntimeMetricCapability) == true)
            {
                attach.OfferedCapabilities = [EventHubConstants.RuntimeMetricCapability];
            }
        }
        else if (protocolEvent.Id == EventId.ConnectionRemoteOpen && protocolEvent.Connection is { } connection)
        {
            connections.Get(connection);
        }
        else if (protocolEvent.Id == EventId.SendDelivery && protocolEvent.Context is IDelivery delivery)
        {
            delivery.Tag = Guid.NewGuid().ToByteArray();
        }
    }
}
