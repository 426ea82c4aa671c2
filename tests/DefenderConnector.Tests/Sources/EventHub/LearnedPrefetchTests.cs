using DefenderConnector.Pulling;
using DefenderConnector.Sources.EventHub;

namespace DefenderConnector.Tests.Sources.EventHub;

/// <summary>
/// A receiver that bounds its prefetch cache by bytes is reopened with the count those bytes hold once it has
/// seen the messages' size, right after the last message it handed out, so nothing is skipped or read twice;
/// it goes back to bytes when messages grow large, and small swings in size do not reopen it.
/// </summary>
public sealed class LearnedPrefetchTests : IAsyncDisposable
{
    private const long Budget = EventHubConstants.DefaultPrefetchBytes;

    // Every receive below is a scripted receiver's.
    private readonly SdkEventHubTransport _transport = UnopenedTransport.Create();

    private readonly List<(int? Count, ReadPosition At)> _opened = [];
    private readonly Queue<ScriptedReceiver> _next = new();

    private SdkPartitionReader Reader(ScriptedReceiver first) =>
        new(first, "0", _transport, new ReceiveBudget(EventHubConstants.DefaultBatchBytes), new PrefetchReopen(Budget, (count, at) =>
        {
            _opened.Add((count, at));
            return _next.Dequeue();
        }));

    // A reader that has read message 0 (16 kB) on bytes and learned a count of 64: its next receive reopens
    // the receiver as `counted`, after message 0.
    private async Task<SdkPartitionReader> CountedReaderAsync(ScriptedReceiver counted)
    {
        _next.Enqueue(counted);
        var reader = Reader(new ScriptedReceiver(ScriptedReceiver.Events(0, 1, 16 * 1024)));
        Assert.Equal([0], await ReceiveAsync(reader));
        return reader;
    }

    private static async Task<List<long>> ReceiveAsync(SdkPartitionReader reader)
    {
        var into = new List<SourceMessage>();
        await reader.ReceiveAsync(into, 1000, TimeSpan.FromSeconds(1), CancellationToken.None);
        return [.. into.Select(m => m.SequenceNumber)];
    }

    [Fact]
    public void The_count_is_the_bytes_over_the_message_size_within_its_bounds()
    {
        Assert.Equal(64, LearnedPrefetch.CountFor(Budget, 16 * 1024));
        Assert.Equal(LearnedPrefetch.MaxCount, LearnedPrefetch.CountFor(Budget, 100));
        Assert.Equal(LearnedPrefetch.MinCount, LearnedPrefetch.CountFor(Budget, Budget / LearnedPrefetch.MinCount));
        Assert.Null(LearnedPrefetch.CountFor(Budget, (Budget / LearnedPrefetch.MinCount) + 1));
        Assert.Null(LearnedPrefetch.CountFor(Budget, EventHubConstants.MaxMessageBytes));
    }

    [Theory]
    [InlineData(null, null, false)]
    [InlineData(null, 64, true)]
    [InlineData(64, null, true)]
    [InlineData(64, 40, false)]
    [InlineData(64, 32, true)]
    [InlineData(64, 255, false)]
    [InlineData(64, 256, true)]
    public void A_receiver_is_reopened_when_messages_grew_at_once_and_when_they_shrank_a_lot(int? current, int? wanted, bool reopen) =>
        Assert.Equal(reopen, LearnedPrefetch.ShouldReopen(current, wanted));

    [Fact]
    public async Task A_byte_bounded_receiver_is_reopened_with_the_learned_count_after_the_last_message_handed_out()
    {
        var first = new ScriptedReceiver(ScriptedReceiver.Events(0, 5, 16 * 1024));
        var second = new ScriptedReceiver(ScriptedReceiver.Events(5, 5, 16 * 1024));
        _next.Enqueue(second);
        await using var reader = Reader(first);

        Assert.Equal([0, 1, 2, 3, 4], await ReceiveAsync(reader));
        Assert.Null(reader.PrefetchCount);

        Assert.Equal([5, 6, 7, 8, 9], await ReceiveAsync(reader));
        Assert.Equal((64, ReadPosition.After(4)), Assert.Single(_opened));
        Assert.True(first.Disposed);
        Assert.Equal(64, reader.PrefetchCount);
    }

    [Fact]
    public async Task A_counted_receiver_goes_back_to_bytes_when_messages_grow_large_and_keeps_its_count_through_small_swings()
    {
        var counted = new ScriptedReceiver(ScriptedReceiver.Events(1, 4, 20 * 1024), [], ScriptedReceiver.Events(5, 2, 300 * 1024));
        var bytes = new ScriptedReceiver(ScriptedReceiver.Events(7, 1, 300 * 1024));
        await using var reader = await CountedReaderAsync(counted);
        _next.Enqueue(bytes);
        Assert.Equal([1, 2, 3, 4], await ReceiveAsync(reader));
        Assert.Equal((64, ReadPosition.After(0)), Assert.Single(_opened));
        Assert.Equal(64, reader.PrefetchCount);

        // 20 kB messages want 51: within a factor of two of 64, so the receiver is kept.
        Assert.Equal([5, 6], await ReceiveAsync(reader));
        Assert.Single(_opened);

        // 300 kB messages: fewer than the minimum count fit, so the next receiver bounds by bytes again.
        Assert.Equal([7], await ReceiveAsync(reader));
        Assert.Equal((null, ReadPosition.After(6)), _opened[1]);
        Assert.Null(reader.PrefetchCount);
        Assert.True(counted.Disposed);
    }

    [Fact]
    public async Task On_a_learned_count_a_short_part_is_followed_by_another_until_one_comes_back_empty()
    {
        // The SDK grants a count's credit in steps, so its cache runs dry between them while messages remain.
        // (A receive asks for two first, until it has seen a message: the batch bytes over the largest message a hub takes.)
        await using var counted = await CountedReaderAsync(new ScriptedReceiver(ScriptedReceiver.Events(1, 1, 16 * 1024), ScriptedReceiver.Events(2, 2, 16 * 1024), [], ScriptedReceiver.Events(4, 1, 16 * 1024)));
        Assert.Equal([1, 2, 3], await ReceiveAsync(counted));
        Assert.Equal([4], await ReceiveAsync(counted));

        // On the byte bound a short part ends the receive, as it always did.
        await using var bytes = Reader(new ScriptedReceiver(ScriptedReceiver.Events(0, 1, 16 * 1024), ScriptedReceiver.Events(1, 2, 16 * 1024)));
        Assert.Equal([0], await ReceiveAsync(bytes));
    }

    [Fact]
    public async Task A_receive_that_got_nothing_leaves_the_receiver_as_it_is()
    {
        await using var reader = Reader(new ScriptedReceiver());

        Assert.Empty(await ReceiveAsync(reader));
        Assert.Empty(await ReceiveAsync(reader));

        Assert.Empty(_opened);
        Assert.Null(reader.PrefetchCount);
    }

    public async ValueTask DisposeAsync() => await _transport.DisposeAsync();
}
