using DefenderConnector.Sources.Graph;

namespace DefenderConnector.Tests.Sources.Graph;

public sealed class StreamCursorTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_version_is_recorded_once_and_raises_the_watermark()
    {
        var cursor = StreamCursor.Start(T.AddDays(-1));
        Assert.True(cursor.IsNew);
        Assert.True(cursor.TryRecord("1", T));
        Assert.False(cursor.TryRecord("1", T));
        Assert.True(cursor.TryRecord("1", T.AddMinutes(1)));
        Assert.Equal(T.AddMinutes(1), cursor.Watermark);
        Assert.True(cursor.TryRecord("2", T.AddMinutes(-30)));
        Assert.Equal(T.AddMinutes(1), cursor.Watermark);
        Assert.Equal(T.AddMinutes(-1), cursor.QueryFrom(TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public void Round_trips_and_keeps_only_keys_inside_the_overlap()
    {
        var cursor = StreamCursor.Start(T.AddDays(-1));
        cursor.TryRecord("old", T.AddMinutes(-10));
        cursor.TryRecord("edge", T.AddMinutes(-2));
        cursor.TryRecord("new", T);
        var stored = cursor.Serialize(TimeSpan.FromMinutes(2));

        var back = StreamCursor.Parse(stored, T.AddYears(-1));
        Assert.False(back.IsNew);
        Assert.Equal(T, back.Watermark);
        Assert.Equal(2, back.RecentCount);
        Assert.True(back.Seen("edge", T.AddMinutes(-2)));
        Assert.True(back.Seen("new", T));
        Assert.False(back.Seen("old", T.AddMinutes(-10)));
    }

    [Fact]
    public void A_floor_only_moves_the_watermark_forward()
    {
        var cursor = StreamCursor.Start(T);
        cursor.Raise(T.AddHours(-1));
        Assert.Equal(T, cursor.Watermark);
        cursor.Raise(T.AddHours(1));
        Assert.Equal(T.AddHours(1), cursor.Watermark);
    }
}
