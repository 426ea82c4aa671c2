using DefenderConnector.Encoders;

namespace DefenderConnector.Tests.Encoders;

public sealed class TextCacheTests
{
    [Fact]
    public void A_repeated_value_is_one_string_and_every_value_reads_back_exactly()
    {
        // Far more distinct values than slots, so slots are overwritten and hashes collide.
        var values = Enumerable.Range(0, 20_000).Select(i => $"value-{i}").ToArray();
        foreach (var value in values)
        {
            Assert.Equal(value, TextCache.Get(value.AsSpan()));
        }

        var first = TextCache.Get("Process Activity".AsSpan());
        Assert.Same(first, TextCache.Get("Process Activity".ToCharArray()));
        Assert.Equal(string.Empty, TextCache.Get([]));
        var longValue = new string('x', 500);
        Assert.Equal(longValue, TextCache.Get(longValue.AsSpan()));
    }

    [Fact]
    public void Encoders_reading_concurrently_get_their_own_values()
    {
        Parallel.For(0, 8, worker =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                var text = $"w{worker}-{i % 300}";
                Assert.Equal(text, TextCache.Get(text.AsSpan()));
            }
        });
    }
}
