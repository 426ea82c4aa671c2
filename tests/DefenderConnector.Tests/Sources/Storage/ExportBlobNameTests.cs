using DefenderConnector.Pulling;
using DefenderConnector.Sources.Storage;

namespace DefenderConnector.Tests.Sources.Storage;

/// <summary>The hour of an export blob from its path, the retirement mark, and the retry decision table.</summary>
public sealed class ExportBlobNameTests
{
    [Theory]
    [InlineData("tenants/abc/y=2026/m=12/d=02/h=13/m=00/PT1H.json", "2026-12-02T13:00:00Z")]
    [InlineData("resourceId=/TENANTS/ABC/y=2026/m=1/d=9/h=0/m=00/PT1H.json", "2026-01-09T00:00:00Z")]
    [InlineData("y=2026/m=12/d=31/h=23/m=00/PT1H.json", "2026-12-31T23:00:00Z")]
    public void TheHourComesFromThePath(string name, string hour) =>
        Assert.Equal(DateTimeOffset.Parse(hour, System.Globalization.CultureInfo.InvariantCulture), ExportBlobName.HourOf(name));

    [Theory]
    [InlineData("PT1H.json")]
    [InlineData("tenants/abc/y=2026/m=13/d=02/h=13/m=00/PT1H.json")]
    [InlineData("tenants/abc/y=2026/m=12/d=02/PT1H.json")]
    public void ANameWithoutAnHourHasNone(string name) => Assert.Null(ExportBlobName.HourOf(name));

    [Fact]
    public void TheMarkSkipsFinishedBlobsButTakesBackOnesChangedLater()
    {
        var hour = new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
        var mark = RetirementMark.Parse(new RetirementMark(hour.AddHours(1), hour.AddMinutes(59)).ToString())!.Value;

        Assert.True(mark.Covers(new ExportBlob("c", "b", hour, 10, hour.AddMinutes(59))));
        Assert.False(mark.Covers(new ExportBlob("c", "b", hour, 12, hour.AddHours(3))));
        Assert.False(mark.Covers(new ExportBlob("c", "b", hour.AddHours(1), 10, hour.AddMinutes(30))));
        Assert.False(mark.Covers(new ExportBlob("c", "b", null, 10, hour)));
        Assert.Null(RetirementMark.Parse("2026-12-02"));
    }

    [Theory]
    [InlineData(nameof(StorageFailureReason.Throttled), true, 1, 0.5, 4.0)]
    [InlineData(nameof(StorageFailureReason.ConnectionFailed), true, 1, 0.5, 1.0)]
    [InlineData(nameof(StorageFailureReason.ServiceError), true, 3, 0.5, 4.0)]
    [InlineData(nameof(StorageFailureReason.ServiceError), true, 10, 0.5, 60.0)]
    [InlineData(nameof(StorageFailureReason.ServiceError), true, 6, 0.5, null)]
    [InlineData(nameof(StorageFailureReason.AuthenticationFailed), false, 1, 0.5, null)]
    [InlineData(nameof(StorageFailureReason.ServiceError), true, 1, 0.0, 0.8)]
    [InlineData(nameof(StorageFailureReason.ServiceError), true, 1, 1.0, 1.2)]
    public void TheRetryDecision(string reason, bool transient, int attempt, double random, double? seconds)
    {
        var failure = new ConnectorException(ConnectorFailure.Storage, reason, transient, "x");
        var maxRetries = seconds == 60.0 ? 20 : 5;

        var delay = StorageRetryDecision.Delay(failure, attempt, maxRetries, random);

        Assert.Equal(seconds, delay?.TotalSeconds is { } s ? Math.Round(s, 3) : null);
    }
}
