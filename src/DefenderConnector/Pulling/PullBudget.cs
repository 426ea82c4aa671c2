namespace DefenderConnector.Pulling;

/// <summary>
/// The limits of one pull, shared by its streams: events (delivered plus dead-lettered) and duration,
/// measured on the injected clock. Thread-safe: partitions draw from it concurrently.
/// </summary>
internal sealed class PullBudget
{
    private readonly TimeProvider _time;
    private readonly long _started;
    private long _remaining;

    public PullBudget(long maxEvents, TimeSpan maxDuration, TimeProvider time)
    {
        _remaining = maxEvents;
        MaxDuration = maxDuration;
        _time = time;
        _started = time.GetTimestamp();
    }

    public TimeSpan MaxDuration { get; }

    /// <summary>Events still allowed this pull.</summary>
    public long Remaining => Math.Max(0, Interlocked.Read(ref _remaining));

    public bool EventsExhausted => Interlocked.Read(ref _remaining) <= 0;

    public bool TimedOut => _time.GetElapsedTime(_started) >= MaxDuration;

    /// <summary>True while another read may start.</summary>
    public bool Open => !EventsExhausted && !TimedOut;

    public void Take(long events) => Interlocked.Add(ref _remaining, -events);
}
