namespace DefenderConnector.Sources.Graph;

/// <summary>
/// A token bucket (per minute, optionally per hour) for one (tenant, app, API). Callers wait on the
/// injected clock until a request is allowed; a 429's Retry-After pauses every caller of the bucket,
/// because Microsoft throttles the app in the tenant, not one connection.
/// </summary>
internal sealed class RequestBudget
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly Bucket _minute;
    private readonly Bucket? _hour;
    private DateTimeOffset _pausedUntil;

    public RequestBudget(int perMinute, int perHour, TimeProvider time)
    {
        _time = time;
        var now = time.GetUtcNow();
        _minute = new Bucket(perMinute, TimeSpan.FromMinutes(1), now);
        _hour = perHour > 0 ? new Bucket(perHour, TimeSpan.FromHours(1), now) : null;
    }

    /// <summary>Requests granted so far (for tests and metrics).</summary>
    public long Granted { get; private set; }

    /// <summary>Total time callers were told to wait (for tests and metrics).</summary>
    public TimeSpan Waited { get; private set; }

    public async ValueTask AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                wait = _pausedUntil > now ? _pausedUntil - now : TimeSpan.Zero;
                if (wait == TimeSpan.Zero)
                {
                    wait = Max(_minute.WaitFor(now), _hour?.WaitFor(now) ?? TimeSpan.Zero);
                }

                if (wait == TimeSpan.Zero)
                {
                    _minute.Take();
                    _hour?.Take();
                    Granted++;
                    return;
                }

                Waited += wait;
            }

            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Holds every caller back until <paramref name="delay"/> from now.</summary>
    public void Pause(TimeSpan delay)
    {
        lock (_gate)
        {
            var until = _time.GetUtcNow() + delay;
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed class Bucket(int capacity, TimeSpan period, DateTimeOffset now)
    {
        private double _tokens = capacity;
        private DateTimeOffset _refilled = now;

        public TimeSpan WaitFor(DateTimeOffset now)
        {
            if (now > _refilled)
            {
                _tokens = Math.Min(capacity, _tokens + ((now - _refilled).Ticks * (double)capacity / period.Ticks));
                _refilled = now;
            }

            if (_tokens >= 1)
            {
                return TimeSpan.Zero;
            }

            // Round up to a whole tick so the wait always yields a token.
            return TimeSpan.FromTicks((long)Math.Ceiling((1 - _tokens) * period.Ticks / capacity));
        }

        public void Take() => _tokens -= 1;
    }
}
