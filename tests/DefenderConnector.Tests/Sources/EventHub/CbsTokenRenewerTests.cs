using System.Collections.Concurrent;
using DefenderConnector.Sources.EventHub;
using Microsoft.Extensions.Logging.Abstractions;

namespace DefenderConnector.Tests.Sources.EventHub;

public sealed class CbsTokenRenewerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Renews_a_tracked_audience_at_eighty_percent_of_the_lifetime_and_stops_when_untracked()
    {
        var time = new ManualTimeProvider();
        var puts = new BlockingCollection<(string Audience, DateTimeOffset At)>();
        await using var renewer = new CbsTokenRenewer((audience, _) => { puts.Add((audience, time.GetUtcNow())); return Task.CompletedTask; }, TimeSpan.FromSeconds(10), time, NullLogger.Instance);
        var start = time.GetUtcNow();

        renewer.Track("amqps://ns/hub/ConsumerGroups/$Default/Partitions/0");
        await time.WhenArmed(1).WaitAsync(Wait);
        time.Advance(TimeSpan.FromSeconds(7.9));
        Assert.Empty(puts);

        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(puts.TryTake(out var first, Wait));
        Assert.Equal(("amqps://ns/hub/ConsumerGroups/$Default/Partitions/0", start.AddSeconds(8)), first);

        // The next renewal is due 8 s after the last one succeeded.
        await time.WhenArmed(2).WaitAsync(Wait);
        time.Advance(TimeSpan.FromSeconds(8));
        Assert.True(puts.TryTake(out var second, Wait));
        Assert.Equal(start.AddSeconds(16), second.At);

        renewer.Untrack("amqps://ns/hub/ConsumerGroups/$Default/Partitions/0");
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.False(puts.TryTake(out _, TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task A_failed_renewal_is_retried_soon_rather_than_after_a_full_interval()
    {
        var time = new ManualTimeProvider();
        var attempts = new BlockingCollection<DateTimeOffset>();
        var fail = true;
        await using var renewer = new CbsTokenRenewer(
            (_, _) =>
            {
                attempts.Add(time.GetUtcNow());
                return fail ? Task.FromException(new EventHubException(EventHubFailureReason.ServerBusy, true, "busy")) : Task.CompletedTask;
            },
            TimeSpan.FromMinutes(60),
            time,
            NullLogger.Instance);
        var start = time.GetUtcNow();

        renewer.Track("amqps://ns/hub");
        await time.WhenArmed(1).WaitAsync(Wait);
        time.Advance(TimeSpan.FromMinutes(48));
        Assert.True(attempts.TryTake(out var failed, Wait));
        Assert.Equal(start.AddMinutes(48), failed);

        fail = false;
        await time.WhenArmed(2).WaitAsync(Wait);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(attempts.TryTake(out var retried, Wait));
        Assert.Equal(start.AddMinutes(49), retried);
    }
}
