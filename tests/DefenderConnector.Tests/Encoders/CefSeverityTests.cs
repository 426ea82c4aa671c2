using DefenderConnector.Encoders.Cef;

namespace DefenderConnector.Tests.Encoders;

public sealed class CefSeverityTests
{
    [Theory]
    [InlineData(0L, 0)]
    [InlineData(1L, 1)]
    [InlineData(2L, 3)]
    [InlineData(3L, 5)]
    [InlineData(4L, 7)]
    [InlineData(5L, 9)]
    [InlineData(6L, 10)]
    [InlineData(99L, 0)]
    [InlineData(7L, 0)]
    [InlineData(-1L, 0)]
    [InlineData(null, 0)]
    public void Ocsf_severity_maps_to_the_cef_band_of_the_same_meaning(long? severityId, int expected) =>
        Assert.Equal(expected, CefSeverity.FromOcsf(severityId));

    [Fact]
    public void Severity_is_the_seventh_header_field()
    {
        var line = new CefEncoder("1").Encode(Ocsf.View("""{"class_uid":2004,"severity_id":5}"""));
        Assert.Equal("9", CefParser.Parse(line).Severity);
    }
}
