using System.Text;
using DefenderConnector.Sources.Graph;

namespace DefenderConnector.Tests.Sources.Graph;

/// <summary>The page-turn decision as a table: follow, move the boundary, step through ties, stop.</summary>
public sealed class KeysetPagingTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_empty_page_ends_the_read() =>
        Assert.True(KeysetPaging.Turn(Page(0, T, null), new KeysetPosition(T), 50, 500).IsDone);

    [Fact]
    public void A_short_page_without_next_link_ends_the_read() =>
        Assert.True(KeysetPaging.Turn(Page(49, T, null), new KeysetPosition(T.AddHours(-1)), 50, 500).IsDone);

    [Theory]
    [InlineData("https://graph.test/v1.0/security/incidents?$top=50&$skip=500", true)]
    [InlineData("https://graph.test/v1.0/security/incidents?%24top=50&%24skip=450", true)]
    [InlineData("https://graph.test/v1.0/security/incidents?$top=50&$skiptoken=abc", true)]
    [InlineData("https://graph.test/v1.0/security/incidents?$top=50&$skip=550", false)]
    public void A_next_link_is_followed_only_within_the_skip_limit(string link, bool followed)
    {
        var turn = KeysetPaging.Turn(Page(50, T, link), new KeysetPosition(T.AddHours(-1)), 50, 500);
        Assert.Equal(followed ? link : null, turn.NextLink);
        Assert.Equal(followed ? null : new KeysetPosition(T), turn.Query);
    }

    [Fact]
    public void A_full_page_without_next_link_moves_the_boundary_to_its_newest_time()
    {
        var turn = KeysetPaging.Turn(Page(50, T, null), new KeysetPosition(T.AddHours(-1), 100), 50, 500);
        Assert.Equal(new KeysetPosition(T), turn.Query);
    }

    [Fact]
    public void A_page_of_only_ties_steps_on_with_skip_and_never_asks_the_same_page_twice()
    {
        var at = new KeysetPosition(T);
        var seen = new HashSet<KeysetPosition> { at };
        for (var i = 0; i < 20; i++)
        {
            var turn = KeysetPaging.Turn(Ties(50, T), at, 50, 500);
            Assert.False(turn.IsDone);
            at = turn.Query!;
            Assert.True(seen.Add(at), $"position {at} asked twice");
            if (turn.TieOverflow)
            {
                break;
            }
        }

        // 0, 50 ... 500, then past the instant: the walk ends instead of looping.
        Assert.Equal(new KeysetPosition(T, 0, After: true), at);
        Assert.Contains(new KeysetPosition(T, 500), seen);
    }

    [Fact]
    public void A_ties_step_that_would_pass_the_limit_stops_at_the_limit_first()
    {
        var turn = KeysetPaging.Turn(Ties(1000, T), new KeysetPosition(T), 1000, 500);
        Assert.Equal(new KeysetPosition(T, 500), turn.Query);
        Assert.False(turn.TieOverflow);
        Assert.True(KeysetPaging.Turn(Ties(1000, T), new KeysetPosition(T, 500), 1000, 500).TieOverflow);
    }

    [Fact]
    public void Without_a_documented_limit_ties_are_stepped_through_with_any_skip() =>
        Assert.Equal(new KeysetPosition(T, 1100), KeysetPaging.Turn(Ties(100, T), new KeysetPosition(T, 1000), 100, null).Query);

    /// <summary><paramref name="count"/> items one tick apart, the last at <paramref name="newest"/>.</summary>
    private static ApiPage Page(int count, DateTimeOffset newest, string? next) =>
        new(Enumerable.Range(0, count).Select(i => new ApiItem($"{i}", newest.AddTicks(i - (count - 1)), Encoding.UTF8.GetBytes("{}"))).ToList(), next, null);

    /// <summary><paramref name="count"/> items all updated at <paramref name="at"/>.</summary>
    private static ApiPage Ties(int count, DateTimeOffset at) =>
        new(Enumerable.Range(0, count).Select(i => new ApiItem($"{i}", at, Encoding.UTF8.GetBytes("{}"))).ToList(), null, null);
}
