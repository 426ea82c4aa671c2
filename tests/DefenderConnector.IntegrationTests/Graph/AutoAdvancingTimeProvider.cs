namespace DefenderConnector.IntegrationTests.Graph;

/// <summary>
/// A fake clock whose timers fire at once and move the clock forward by their due time: code that
/// waits (Retry-After, budgets) runs without real sleeping, and the waits are recorded for assertions.
/// </summary>
internal sealed class AutoAdvancingTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<TimeSpan> _delays = [];
    private DateTimeOffset _now = start;

    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_gate)
            {
                return _delays.ToArray();
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FiredTimer();
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return timer;
        }

        lock (_gate)
        {
            _delays.Add(dueTime);
            _now += dueTime;
        }

        ThreadPool.QueueUserWorkItem(_ =>
        {
            if (!timer.Disposed)
            {
                callback(state);
            }
        });
        return timer;
    }

    private sealed class FiredTimer : ITimer
    {
        public bool Disposed { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period) => !Disposed;

        public void Dispose() => Disposed = true;

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
