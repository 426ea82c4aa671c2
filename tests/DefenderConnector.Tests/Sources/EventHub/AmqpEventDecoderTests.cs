using System.Text;
using Amqp;
using Amqp.Framing;
using Amqp.Types;
using DefenderConnector.Sources.EventHub;

namespace DefenderConnector.Tests.Sources.EventHub;

public sealed class AmqpEventDecoderTests
{
    private static readonly DateTime Enqueued = new(2026, 11, 23, 4, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Reads_the_position_annotations()
    {
        var message = Annotated(new Message { BodySection = new Data { Binary = "{}"u8.ToArray() } }, 17L, "4096");
        message.MessageAnnotations[new Symbol("x-opt-partition-key")] = "device-7";

        var decoded = AmqpEventDecoder.Decode(RoundTrip(message), "3");

        Assert.Equal("3", decoded.Partition);
        Assert.Equal(17, decoded.SequenceNumber);
        Assert.Equal("4096", decoded.Offset);
        Assert.Equal(new DateTimeOffset(Enqueued), decoded.EnqueuedTime);
        Assert.Equal("device-7", decoded.PartitionKey);
        Assert.Equal("{}", Encoding.UTF8.GetString(decoded.Body.Span));
    }

    [Fact]
    public void Keeps_an_offset_sent_as_a_long_opaque()
    {
        var decoded = AmqpEventDecoder.Decode(RoundTrip(Annotated(new Message("x"), 1L, 123456789012L)), "0");

        Assert.Equal("123456789012", decoded.Offset);
    }

    [Fact]
    public void Concatenates_several_data_sections()
    {
        var list = new DataList();
        list.Add(new Data { Binary = "{\"records\":"u8.ToArray() });
        list.Add(new Data { Binary = "[]}"u8.ToArray() });
        var decoded = AmqpEventDecoder.Decode(RoundTrip(Annotated(new Message { BodySection = list }, 1L, "0")), "0");

        Assert.Equal("{\"records\":[]}", Encoding.UTF8.GetString(decoded.Body.Span));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("binary")]
    [InlineData("sequence")]
    public void Reads_value_and_sequence_bodies(string kind)
    {
        RestrictedDescribed body = kind switch
        {
            "text" => new AmqpValue { Value = "{\"records\":[]}" },
            "binary" => new AmqpValue { Value = "{\"records\":[]}"u8.ToArray() },
            _ => new AmqpSequence { List = new List { "{\"records\":", "[]}" } },
        };

        var decoded = AmqpEventDecoder.Decode(RoundTrip(Annotated(new Message { BodySection = body }, 1L, "0")), "0");

        Assert.Equal("{\"records\":[]}", Encoding.UTF8.GetString(decoded.Body.Span));
    }

    [Fact]
    public void A_message_without_a_sequence_number_is_a_classified_failure()
    {
        var error = Assert.Throws<EventHubException>(() => AmqpEventDecoder.Decode(RoundTrip(new Message("x")), "2"));

        Assert.Contains("x-opt-sequence-number", error.Message, StringComparison.Ordinal);
    }

    private static Message Annotated(Message message, object sequenceNumber, object offset)
    {
        message.MessageAnnotations = new MessageAnnotations
        {
            [new Symbol("x-opt-sequence-number")] = sequenceNumber,
            [new Symbol("x-opt-offset")] = offset,
            [new Symbol("x-opt-enqueued-time")] = Enqueued,
        };
        return message;
    }

    // Decode what would arrive on the wire, not the objects the test built.
    private static Message RoundTrip(Message message) => Message.Decode(message.Encode());
}
