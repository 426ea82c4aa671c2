using System.Globalization;
using DefenderConnector.Encoders;
using DefenderConnector.Encoders.Ecs;

namespace DefenderConnector.Tests.Encoders;

public sealed class EcsFieldTests
{
    [Fact]
    public void FieldsAreRankedAsNestedObjectsWithSortedKeysWriteThem()
    {
        // Prefixes of each other, a dot against characters below and above it, and names beyond ASCII.
        var names = new List<string>
        {
            "a", "a.b", "a_c", "ab", "a.b.c", "a-b", "process.parent.command_line", "process.parent.executable",
            "process.parent_x", "process.parent.a", "event.category", "event.action", "@timestamp",
            "x\u0100z", "x\u0101a", "x\u00ffb", "related.hosts", "related.hash", "z.\u4e00.b", "z.\u4e01",
        };
        var random = new Random(7);
        for (var i = 0; i < 300; i++)
        {
            var name = string.Concat(Enumerable.Range(0, random.Next(1, 24)).Select(_ => "ab._-\u00e9"[random.Next(6)]));
            name = string.Join('.', name.Split('.', StringSplitOptions.RemoveEmptyEntries));
            if (name.Length > 0)
            {
                names.Add(name);
            }
        }

        var fields = names.Distinct().Select(EcsField.Of).ToArray();
        var ranks = EcsField.Ranks(fields.MaxBy(f => f.Id));
        var byRank = fields.OrderBy(f => ranks[f.Id]).Select(f => f.Name).ToArray();

        // The oracle: segment by segment, ordinal within a segment, an object's own name before its members.
        var expected = names.Distinct().Order(Comparer<string>.Create(static (x, y) =>
        {
            var (a, b) = (x.Split('.'), y.Split('.'));
            for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            {
                if (string.CompareOrdinal(a[i], b[i]) is var order and not 0)
                {
                    return order;
                }
            }

            return a.Length - b.Length;
        })).ToArray();
        Assert.Equal(expected, byRank);
    }

    [Fact]
    public void AnObjectHoldsEveryFieldSetUnderItAndAValueSetWhereAnObjectIsIsLeftOutWhileAnObjectUnderAValueIsRefused()
    {
        var d = new EcsDocument();
        d.Set("t.host.os.name", "Windows");
        d.Set("t.host.os.version", "11");
        d.Set("t.host.name", "pc1");
        d.Set("t.host", "a value where an object is");
        d.Set("t.host.os.name", "first value wins");
        d.Set("t.value", 7);
        Assert.Equal("""{"t":{"host":{"name":"pc1","os":{"name":"Windows","version":"11"}},"value":7}}""", Write(d));
        Assert.Throws<InvalidOperationException>(() => d.Set("t.value.inner", "x"));
        Assert.Throws<InvalidOperationException>(() => d.Set("t.value.inner", "x"));

        // The next event starts with nothing declared.
        d.Clear();
        d.Set("t.host", "now a value");
        Assert.Equal("""{"t":{"host":"now a value"}}""", Write(d));
    }

    private static string Write(EcsDocument d)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            d.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1764720000123L)]
    [InlineData(-62135596800000L)]
    [InlineData(253402300799999L)]
    [InlineData(-1L)]
    [InlineData(951782400007L)]
    public void TimesAreIso8601UtcWithMilliseconds(long milliseconds) =>
        Assert.Equal(
            DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            IsoTime(milliseconds));

    [Fact]
    public void TimesOutsideTheCalendarAreMissing()
    {
        Assert.Null(IsoTime(253402300800000L));
        Assert.Null(IsoTime(-62135596800001L));
        Assert.Null(IsoTime(null));
    }

    /// <summary>The text ECS writes for a time, or null where it leaves the field out.</summary>
    private static string? IsoTime(long? milliseconds)
    {
        if (!OcsfView.IsIsoTime(milliseconds))
        {
            return null;
        }

        var utf8 = new byte[OcsfView.IsoTimeLength];
        OcsfView.FormatIsoTime(milliseconds!.Value, utf8);
        return System.Text.Encoding.ASCII.GetString(utf8);
    }
}
