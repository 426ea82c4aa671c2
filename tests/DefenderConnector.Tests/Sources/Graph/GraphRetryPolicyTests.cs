using DefenderConnector.Pulling;
using DefenderConnector.Sources.Graph;

namespace DefenderConnector.Tests.Sources.Graph;

public sealed class GraphRetryPolicyTests
{
    public static TheoryData<string, bool, double?, int, double?> Cases => new()
    {
        // reason, transient, Retry-After (s), attempt, expected delay (s) or null = give up
        { "Throttled", true, 7, 0, 7 },
        { "Throttled", true, 7, 3, 7 },
        { "Throttled", true, 7, 4, null },
        { "Throttled", true, 3600, 0, 300 },
        { "ServiceError", true, null, 0, 1 },
        { "ServiceError", true, null, 2, 4 },
        { "ConnectionFailed", true, null, 3, 8 },
        { "MissingPermission", false, null, 0, null },
        { "InvalidSecret", false, null, 0, null },
        { "NotFound", false, 5, 0, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decides_the_delay_or_gives_up(string reason, bool transient, double? retryAfter, int attempt, double? expected)
    {
        var failure = new ConnectorException(Enum.Parse<GraphFailureReason>(reason), transient, "x") { RetryAfter = retryAfter is { } s ? TimeSpan.FromSeconds(s) : null };
        var delay = GraphRetryPolicy.Decide(failure, attempt, maxRetries: 4);
        Assert.Equal(expected is { } e ? TimeSpan.FromSeconds(e) : null, delay);
    }

    [Fact]
    public void Backoff_is_capped_at_a_minute() =>
        Assert.Equal(TimeSpan.FromMinutes(1), GraphRetryPolicy.Decide(new ConnectorException(GraphFailureReason.ServiceError, true, "x"), 10, 20));

    [Fact]
    public async Task The_pipeline_waits_on_the_injected_clock()
    {
        var clock = new RecordingTimeProvider(DateTimeOffset.UnixEpoch);
        var pipeline = GraphRetryPolicy.Build(3, clock, null);
        var calls = 0;
        var result = await pipeline.ExecuteAsync(_ =>
        {
            if (++calls < 3)
            {
                throw new ConnectorException(GraphFailureReason.Throttled, true, "429") { RetryAfter = TimeSpan.FromSeconds(11) };
            }

            return ValueTask.FromResult(calls);
        });

        Assert.Equal(3, result);
        Assert.Equal([TimeSpan.FromSeconds(11), TimeSpan.FromSeconds(11)], clock.Waits);
    }
}
