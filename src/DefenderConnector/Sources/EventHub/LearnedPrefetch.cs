namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// Turns the byte bound on a partition receiver's prefetch cache (<c>prefetchBytes</c>) into a message
/// count once the receiver has seen how large the messages are. The SDK's own byte mode recomputes its
/// link credit from the bytes it holds on every message it caches or hands out, and sends the service a
/// flow frame each time the credit changes, which is nearly once per message; a count sends one flow per
/// two thirds of its credit. A count of the budget over the average message of the last receive (the
/// average the byte mode sizes its credit by) holds the same bytes as the byte mode while messages keep
/// their size, and overshoots no further than the byte mode when they grow (both have granted about that
/// many messages). Every receiver starts on bytes, and is reopened after the last message handed out
/// when the count should change (<see cref="SdkPartitionReader"/>): at once when messages grew (the
/// count falls by half or more), only when they shrank a lot (it grows fourfold), so messages of varying
/// size do not reopen it again and again.
/// </summary>
internal static class LearnedPrefetch
{
    /// <summary>Below this many messages the count would send nearly a flow per message too: stay on bytes.</summary>
    public const int MinCount = 8;

    /// <summary>The most messages a learned count asks for, the count-mode default.</summary>
    public const int MaxCount = EventHubConstants.DefaultPrefetch;

    /// <summary>
    /// The prefetch count for messages of <paramref name="messageBytes"/> under a budget of
    /// <paramref name="prefetchBytes"/>, or null to stay on the byte bound (messages so large that fewer
    /// than <see cref="MinCount"/> fit).
    /// </summary>
    public static int? CountFor(long prefetchBytes, long messageBytes)
    {
        var count = prefetchBytes / Math.Max(1, messageBytes);
        return count < MinCount ? null : (int)Math.Min(count, MaxCount);
    }

    /// <summary>Whether a receiver prefetching <paramref name="current"/> messages (null: by bytes) should be reopened to prefetch <paramref name="wanted"/>.</summary>
    public static bool ShouldReopen(int? current, int? wanted) => (current, wanted) switch
    {
        (null, null) => false,
        (null, _) or (_, null) => true,
        ({ } now, { } next) => next * 2 <= now || next >= now * 4,
    };
}

