using DefenderConnector.Sources.EventHub;

namespace DefenderConnector.Tests.Sources.EventHub;

/// <summary>The byte budget of one receive: the message count asked for follows the message size, so a batch stays near its bytes.</summary>
public sealed class ReceiveBudgetTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void Before_any_message_is_seen_a_receive_assumes_the_largest_message_a_hub_accepts()
    {
        var budget = new ReceiveBudget(4 * MiB);

        Assert.Equal(4, budget.NextCount(256, heldBytes: 0, largestSoFar: 0));
    }

    [Fact]
    public void Small_messages_reach_full_batches_after_a_few_receives_and_large_ones_get_a_few()
    {
        var budget = new ReceiveBudget(4 * MiB);
        var receives = 0;
        while (budget.ExpectedMessageBytes > 17_000 && receives < 20)
        {
            budget.Observe(17_000);
            receives++;
        }

        Assert.InRange(receives, 1, 7);
        Assert.Equal((int)(4 * MiB / 17_000), budget.NextCount(256, 0, 0));
        budget.Observe(1_000_000);
        Assert.Equal(4, budget.NextCount(256, 0, 0));
    }

    [Fact]
    public void Within_a_receive_the_count_shrinks_to_the_bytes_still_free_and_never_falls_below_one()
    {
        var budget = new ReceiveBudget(4 * MiB);
        for (var i = 0; i < 10; i++)
        {
            budget.Observe(10_000);
        }

        Assert.Equal(256, budget.NextCount(256, 0, 0));
        Assert.Equal(100, budget.NextCount(100, 0, 0));
        // A larger message seen earlier in the same receive sizes the rest of it.
        Assert.Equal(3, budget.NextCount(256, heldBytes: 1 * MiB, largestSoFar: 1 * MiB));
        Assert.Equal(1, budget.NextCount(256, heldBytes: 4 * MiB - 1, largestSoFar: 500_000));
        Assert.True(budget.IsFull(4 * MiB));
        Assert.False(budget.IsFull(4 * MiB - 1));
    }

    [Fact]
    public void A_receive_that_got_nothing_teaches_nothing()
    {
        var budget = new ReceiveBudget(4 * MiB);
        budget.Observe(0);

        Assert.Equal(EventHubConstants.MaxMessageBytes, budget.ExpectedMessageBytes);
    }
}
