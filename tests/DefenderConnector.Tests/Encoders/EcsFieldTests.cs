using System.Globalization;
using DefenderConnector.Encoders;
using DefenderConnector.Encoders.Ecs;

namespace DefenderConnector.Tests.Encoders;

public sealed class EcsFieldTests
{
    [Fact]
    public void FieldsSortAsNestedSortedObjectsWhateverTheirPackedKeysHold()
    {
        // Names that tie on their first 16 characters, are prefixes of each other, sort a dot before
        // any character, and hold characters above U+00FF where the packed keys stop.
        var names = new List<string>
        {
            "a", "a.b", "a_c", "ab", "a.b.c", "process.parent.command_line", "process.parent.executable",
            "process.parent_x", "process.parent.a", "event.category", "event.action", "@timestamp",
            "x\u0100z", "x\u0101a", "x\u00ffb", "x\u0100", "related.hosts", "related.hash", "z.\u4e00.b", "z.\u4e00",
        };
        var random = new Random(7);
        for (var i = 0; i < 300; i++)
        {
            names.Add(string.Concat(Enumerable.Range(0, random.Next(1, 24)).Select(_ => "ab._\u00e9\u0130"[random.Next(6)])).Trim('.').Replace("..", ".", StringComparison.Ordinal) is { Length: > 0 } n ? n : "q");
        }

        var fields = names.Distinct().Select(EcsField.Of).ToArray();
        foreach (var a in fields)
        {
            foreach (var b in fields)
            {
                Assert.True(
                    Math.Sign(EcsField.Compare(a, b)) == Math.Sign(string.CompareOrdinal(a.SortKey, b.SortKey)),
                    $"{a.Name} against {b.Name}");
            }
        }
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
            OcsfView.IsoTime(milliseconds));

    [Fact]
    public void TimesOutsideTheCalendarAreMissing()
    {
        Assert.Null(OcsfView.IsoTime(253402300800000L));
        Assert.Null(OcsfView.IsoTime(null));
    }
}
