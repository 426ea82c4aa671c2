using DefenderConnector.Sources.EventHub;

namespace DefenderConnector.Tests.Sources.EventHub;

public sealed class AmqpSelectorFilterTests
{
    [Fact]
    public void A_checkpoint_reads_strictly_after_its_sequence_number() =>
        Assert.Equal("amqp.annotation.x-opt-sequence-number > '41'", AmqpSelectorFilter.Expression(ReadPosition.After(41)));

    [Fact]
    public void Earliest_reads_from_the_start() =>
        Assert.Equal("amqp.annotation.x-opt-offset > '-1'", AmqpSelectorFilter.Expression(ReadPosition.From(StartPosition.Earliest)));

    [Fact]
    public void Latest_reads_only_new_events() =>
        Assert.Equal("amqp.annotation.x-opt-offset > '@latest'", AmqpSelectorFilter.Expression(ReadPosition.From(StartPosition.Latest)));

    [Fact]
    public void A_time_reads_events_enqueued_at_or_after_it_in_unix_milliseconds()
    {
        var at = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal($"amqp.annotation.x-opt-enqueued-time >= '{at.ToUnixTimeMilliseconds()}'", AmqpSelectorFilter.Expression(ReadPosition.From(StartPosition.At(at))));
    }
}
