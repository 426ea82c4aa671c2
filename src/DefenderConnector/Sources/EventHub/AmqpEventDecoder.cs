using System.Globalization;
using System.Text;
using Amqp;
using Amqp.Framing;
using Amqp.Types;
using DefenderConnector.Pulling;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// Turns a received AMQP message into a <see cref="SourceMessage"/>: the position from the message
/// annotations (sequence number as a long, offset opaque whether sent as a string or a long,
/// enqueued time, partition key) and the body, whichever section type the publisher used: Data
/// sections concatenated, an AmqpValue string or binary, or an AmqpSequence of those.
/// </summary>
internal static class AmqpEventDecoder
{
    private static readonly Symbol SequenceNumberKey = new(EventHubConstants.SequenceNumberAnnotation);
    private static readonly Symbol OffsetKey = new(EventHubConstants.OffsetAnnotation);
    private static readonly Symbol EnqueuedTimeKey = new(EventHubConstants.EnqueuedTimeAnnotation);
    private static readonly Symbol PartitionKeyKey = new(EventHubConstants.PartitionKeyAnnotation);

    public static SourceMessage Decode(Message message, string partitionId)
    {
        var annotations = message.MessageAnnotations?.Map;
        var sequenceNumber = ManagementReplyParser.Long(Find(annotations, SequenceNumberKey))
            ?? throw new EventHubException(EventHubFailureReason.Unknown, false, $"Partition {partitionId} delivered a message without {EventHubConstants.SequenceNumberAnnotation}.");
        var offset = Find(annotations, OffsetKey) switch
        {
            null => string.Empty,
            string text => text,
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString() ?? string.Empty,
        };
        var enqueued = ManagementReplyParser.Time(Find(annotations, EnqueuedTimeKey)) ?? DateTimeOffset.MinValue;
        return new SourceMessage(Body(message.BodySection), partitionId, sequenceNumber, offset, enqueued, Find(annotations, PartitionKeyKey) as string);
    }

    internal static byte[] Body(RestrictedDescribed? section)
    {
        switch (section)
        {
            case Data data:
                return data.Binary ?? [];
            case DataList list:
                {
                    var buffer = new MemoryStream();
                    for (var i = 0; i < list.Count; i++)
                    {
                        buffer.Write(list[i].Binary ?? []);
                    }

                    return buffer.ToArray();
                }

            case AmqpValue value:
                return Bytes(value.Value);
            case AmqpSequence sequence:
                {
                    var buffer = new MemoryStream();
                    foreach (var item in sequence.List ?? (System.Collections.IList)Array.Empty<object>())
                    {
                        buffer.Write(Bytes(item));
                    }

                    return buffer.ToArray();
                }

            default:
                return [];
        }
    }

    private static byte[] Bytes(object? value) => value switch
    {
        null => [],
        byte[] bytes => bytes,
        string text => Encoding.UTF8.GetBytes(text),
        _ => Encoding.UTF8.GetBytes(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty),
    };

    private static object? Find(Map? map, Symbol key) =>
        map is not null && (map.TryGetValue(key, out var value) || map.TryGetValue((string)key, out value)) ? value : null;
}
