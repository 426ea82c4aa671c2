namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// Bounds one receive by bytes: the SDK takes a message count, so the count asked for is the bytes
/// still free in the budget over the size a message is expected to have. The expectation starts at the
/// largest message a hub accepts, rises at once to the largest message seen and falls by at most half
/// per receive, so a stream of large messages never gets a count sized for small ones, and a stream of
/// small ones reaches full batches after a few receives.
/// </summary>
internal sealed class ReceiveBudget(long batchBytes)
{
    private long _expected = EventHubConstants.MaxMessageBytes;

    public long BatchBytes { get; } = batchBytes;

    /// <summary>The size a message is expected to have, in bytes.</summary>
    public long ExpectedMessageBytes => _expected;

    /// <summary>
    /// How many messages the next part of a receive asks for: at least one (a receive always makes
    /// progress), at most <paramref name="wanted"/>, and no more than the free bytes hold at the larger
    /// of the expected size and the largest message this receive has seen so far.
    /// </summary>
    public int NextCount(int wanted, long heldBytes, long largestSoFar)
    {
        var size = Math.Max(1, Math.Max(_expected, largestSoFar));
        var free = BatchBytes - heldBytes;
        return (int)Math.Clamp(free / size, 1, Math.Max(1, wanted));
    }

    /// <summary>Whether a receive holding this many bytes should stop asking for more.</summary>
    public bool IsFull(long heldBytes) => heldBytes >= BatchBytes;

    /// <summary>Learns from a finished receive: its largest message, or nothing when it got none.</summary>
    public void Observe(long largestMessageBytes)
    {
        if (largestMessageBytes > 0)
        {
            _expected = Math.Max(largestMessageBytes, _expected / 2);
        }
    }
}
