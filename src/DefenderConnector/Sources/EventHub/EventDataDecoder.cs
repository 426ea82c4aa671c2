using System.Globalization;
using System.Text;
using Azure.Core.Amqp;
using Azure.Messaging.EventHubs;
using DefenderConnector.Pulling;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// Turns an SDK <see cref="EventData"/> into a <see cref="SourceMessage"/>: the position (sequence
/// number, offset kept opaque, enqueued time, partition key) and the body, whichever section type the
/// publisher used: one Data section as it is (no copy), several concatenated, an AmqpValue string or
/// binary, or an AmqpSequence of those.
/// </summary>
internal static class EventDataDecoder
{
    public static SourceMessage Decode(EventData data, string partitionId) =>
        new(Body(data.GetRawAmqpMessage().Body), partitionId, data.SequenceNumber, data.OffsetString ?? string.Empty, data.EnqueuedTime, data.PartitionKey);

    internal static ReadOnlyMemory<byte> Body(AmqpMessageBody body)
    {
        if (body.TryGetData(out var sections) && sections is not null)
        {
            using var each = sections.GetEnumerator();
            if (!each.MoveNext())
            {
                return ReadOnlyMemory<byte>.Empty;
            }

            var first = each.Current;
            if (!each.MoveNext())
            {
                return first;
            }

            var buffer = new MemoryStream();
            buffer.Write(first.Span);
            do
            {
                buffer.Write(each.Current.Span);
            }
            while (each.MoveNext());
            return buffer.ToArray();
        }

        if (body.TryGetValue(out var value))
        {
            return Bytes(value);
        }

        if (body.TryGetSequence(out var sequence) && sequence is not null)
        {
            var buffer = new MemoryStream();
            foreach (var list in sequence)
            {
                foreach (var item in list)
                {
                    buffer.Write(Bytes(item));
                }
            }

            return buffer.ToArray();
        }

        return ReadOnlyMemory<byte>.Empty;
    }

    private static byte[] Bytes(object? value) => value switch
    {
        null => [],
        byte[] bytes => bytes,
        ReadOnlyMemory<byte> memory => memory.ToArray(),
        string text => Encoding.UTF8.GetBytes(text),
        _ => Encoding.UTF8.GetBytes(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty),
    };
}
