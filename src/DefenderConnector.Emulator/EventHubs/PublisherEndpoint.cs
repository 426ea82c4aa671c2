using System.Text;
using Amqp;
using Amqp.Framing;
using Amqp.Listener;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>
/// A client sender on <c>&lt;hub&gt;</c> or <c>&lt;hub&gt;/Partitions/&lt;p&gt;</c>: stores each event (a batch,
/// message format 0x80013700, is unpacked into its inner messages) and accepts the delivery.
/// </summary>
internal sealed class PublisherEndpoint(ListenerLink link, ConnectionState connection, EntityAddress address, LinkTracker tracker,
    EventHubStore store, PartitionLog? partition, long maxMessageSize) : GuardedLinkEndpoint(link, connection, address, tracker)
{
    public override void OnMessage(MessageContext messageContext)
    {
        var message = messageContext.Message;
        try
        {
            var events = message.Format == EventHubConstants.BatchMessageFormat ? Unpack(message) : [message];
            long size = events.Sum(e => (long)BodyOf(e).Length);
            if (size > maxMessageSize)
            {
                messageContext.Complete(new Error(ErrorCode.MessageSizeExceeded)
                {
                    Description = $"The received message (size {size} bytes) exceeds the limit ({maxMessageSize} bytes).",
                });
                return;
            }

            string? batchKey = PartitionKeyOf(message);
            foreach (var inner in events)
            {
                string? key = PartitionKeyOf(inner) ?? batchKey;
                var target = partition ?? store.Route(key);
                store.Append(target, BodyOf(inner), key, null, inner.ApplicationProperties, inner.Properties);
            }

            messageContext.Complete();
        }
        catch (AmqpException exception)
        {
            messageContext.Complete(exception.Error);
        }
    }

    public override void OnFlow(FlowContext flowContext)
    {
    }

    public override void OnDisposition(DispositionContext dispositionContext)
    {
    }

    protected override void OnDetaching()
    {
    }

    static List<Message> Unpack(Message batch)
    {
        var sections = batch.BodySection switch
        {
            Data data => [data],
            DataList list => Enumerable.Range(0, list.Count).Select(i => list[i]).ToList(),
            _ => throw new AmqpException(ErrorCode.DecodeError, "A batch message must carry Data sections."),
        };

        var messages = new List<Message>(sections.Count);
        foreach (var section in sections)
        {
            byte[] bytes = section.Binary;
            messages.Add(Message.Decode(new ByteBuffer(bytes, 0, bytes.Length, bytes.Length)));
        }

        return messages;
    }

    static byte[] BodyOf(Message message) => message.BodySection switch
    {
        Data data => data.Binary,
        DataList list => Enumerable.Range(0, list.Count).SelectMany(i => list[i].Binary).ToArray(),
        AmqpValue { Value: byte[] bytes } => bytes,
        AmqpValue { Value: string text } => Encoding.UTF8.GetBytes(text),
        AmqpValue value => Encoding.UTF8.GetBytes(value.Value?.ToString() ?? string.Empty),
        _ => [],
    };

    static string? PartitionKeyOf(Message message) =>
        message.MessageAnnotations?.Map.ContainsKey(EventHubConstants.PartitionKeyAnnotation) == true
            ? message.MessageAnnotations[EventHubConstants.PartitionKeyAnnotation]?.ToString()
            : null;
}
