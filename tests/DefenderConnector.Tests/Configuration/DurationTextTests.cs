using DefenderConnector.Configuration;

namespace DefenderConnector.Tests.Configuration;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("300", 300)]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    [InlineData("1d", 86400)]
    [InlineData("00:05:00", 300)]
    [InlineData("500ms", 0.5)]
    [InlineData("0", 0)]
    public void Parses(string text, double seconds)
    {
        Assert.True(DurationText.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("five minutes")]
    [InlineData("-5m")]
    [InlineData("5x")]
    public void Rejects(string text) => Assert.False(DurationText.TryParse(text, out _));

    [Theory]
    [InlineData(300, "5m")]
    [InlineData(3600, "1h")]
    [InlineData(90, "90s")]
    [InlineData(0.25, "250ms")]
    public void Formats(double seconds, string text) => Assert.Equal(text, DurationText.Format(TimeSpan.FromSeconds(seconds)));
}
