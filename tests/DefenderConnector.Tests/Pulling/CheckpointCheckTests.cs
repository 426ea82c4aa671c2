using DefenderConnector.Pulling;

namespace DefenderConnector.Tests.Pulling;

public sealed class CheckpointCheckTests
{
    [Theory]
    [InlineData(null, 0L, 10L, false, null)]
    [InlineData(10L, 0L, 10L, false, null)]
    [InlineData(4L, 0L, 10L, false, null)]
    [InlineData(4L, 5L, 10L, false, null)]
    [InlineData(11L, 0L, 10L, false, "beyond")]
    [InlineData(500L, 0L, -1L, true, "beyond")]
    [InlineData(3L, 5L, 10L, false, "older")]
    [InlineData(3L, 5L, 4L, true, null)]
    public void Finds_checkpoints_beyond_the_tail_or_before_retention(long? checkpoint, long beginning, long last, bool empty, string? expected)
    {
        var problem = CheckpointCheck.Find(checkpoint, beginning, last, empty);
        if (expected is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Contains(expected, problem, StringComparison.Ordinal);
        }
    }
}
