using DefenderConnector.Host.Outputs;

namespace DefenderConnector.IntegrationTests.Outputs;

/// <summary>The retry decision as a table: transient failures back off exponentially up to the cap, Retry-After wins (capped), others stop at once.</summary>
public sealed class DeliveryRetryTests
{
    private static readonly RetrySettings Settings = new(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    [Theory]
    [InlineData(true, 0, null, 1.0)]
    [InlineData(true, 1, null, 2.0)]
    [InlineData(true, 4, null, 16.0)]
    [InlineData(true, 5, null, null)]
    [InlineData(true, 0, 7.0, 7.0)]
    [InlineData(true, 0, 600.0, 30.0)]
    [InlineData(false, 0, null, null)]
    [InlineData(false, 0, 5.0, null)]
    public void Decide(bool transient, int attempt, double? retryAfterSeconds, double? expectedSeconds)
    {
        var failure = new OutputDeliveryException("syslog output tls://h:6514: refused.", transient);
        var delay = DeliveryRetry.Decide(failure, attempt, Settings, retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null);
        Assert.Equal(expectedSeconds is { } e ? TimeSpan.FromSeconds(e) : null, delay);
    }

    [Fact]
    public void TheBackoffNeverExceedsTheCap()
    {
        var failure = new OutputDeliveryException("x", true);
        var settings = Settings with { MaxRetries = 50 };
        Assert.Equal(TimeSpan.FromSeconds(30), DeliveryRetry.Decide(failure, 20, settings));
    }
}
