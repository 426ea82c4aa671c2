using DefenderConnector.Mapping;

namespace DefenderConnector.Tests.Mapping;

public sealed class IsoTimeTests
{
    [Theory]
    [InlineData("2024-05-14T09:21:31.1234567Z", 1715678491123)]
    [InlineData("2024-05-14T09:21:31Z", 1715678491000)]
    [InlineData("2024-05-14T09:21:31", 1715678491000)]
    [InlineData("2024-05-14 09:21:31.5", 1715678491500)]
    [InlineData("2024-05-14T11:21:31.12+02:00", 1715678491120)]
    [InlineData("2024-05-14T09:21:31.123456789Z", 1715678491123)]
    [InlineData("2024-02-29T00:00:00Z", 1709164800000)]
    [InlineData("1970-01-01T00:00:00Z", 0)]
    public void ParsesDefenderTimestamps(string text, long expected)
    {
        Assert.True(IsoTime.TryParse(System.Text.Encoding.UTF8.GetBytes(text), out var ms));
        Assert.Equal(expected, ms);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a date")]
    [InlineData("2024-13-01T00:00:00Z")]
    [InlineData("2023-02-29T00:00:00Z")]
    [InlineData("2024-05-14T25:00:00Z")]
    public void RejectsWhatIsNotATimestamp(string text) =>
        Assert.False(IsoTime.TryParse(System.Text.Encoding.UTF8.GetBytes(text), out _));

    [Fact]
    public void AgreesWithTheBclForEveryFractionLength()
    {
        for (var digits = 0; digits <= 7; digits++)
        {
            var text = "2024-05-14T09:21:31" + (digits == 0 ? string.Empty : "." + "9876543"[..digits]) + "Z";
            var expected = DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
            Assert.True(IsoTime.TryParse(System.Text.Encoding.UTF8.GetBytes(text), out var ms), text);
            Assert.Equal(expected, ms);
        }
    }
}
