using DefenderConnector.Abstractions;
using DefenderConnector.Host.Telemetry;

namespace DefenderConnector.Host.Health;

/// <summary>
/// Follows pull outcomes and partition positions and decides, on the injected clock, whether each source and
/// partition is healthy, degraded or failed (<see cref="HealthThresholds"/>). Live: the scheduler runs and no
/// pull has been in flight for longer than <see cref="StuckAfter"/>. Ready: started and nothing failed.
/// </summary>
internal sealed class HealthMonitor : IMetricObserver
{
    private readonly HealthThresholds _thresholds;
    private readonly TimeProvider _time;
    private readonly object _sync = new();
    private readonly Dictionary<string, SourceTrack> _sources = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Source, string Partition), PartitionTrack> _partitions = [];
    private bool _running;

    public HealthMonitor(HealthThresholds thresholds, TimeProvider time)
    {
        _thresholds = thresholds;
        _time = time;
    }

    /// <summary>A pull in flight longer than this means the worker is stuck: liveness fails.</summary>
    public TimeSpan StuckAfter { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The scheduler started (true) or stopped (false).</summary>
    public void SetRunning(bool running)
    {
        lock (_sync)
        {
            _running = running;
        }
    }

    public void PullStarted(string source)
    {
        lock (_sync)
        {
            Source(source).InFlightSince = _time.GetUtcNow();
        }
    }

    public void PullEnded(PullSummary summary)
    {
        lock (_sync)
        {
            var track = Source(summary.Source);
            track.InFlightSince = null;
            track.Seen = true;
            if (summary.StopReason == "Failed")
            {
                track.Failures++;
                track.FailingSince ??= _time.GetUtcNow();
                track.LastError = summary.Error ?? "the pull failed";
            }
            else if (summary.StopReason != "AlreadyRunning")
            {
                track.Failures = 0;
                track.FailingSince = null;
                track.LastError = null;
            }
        }
    }

    public void Observe(string name, double value, ReadOnlySpan<KeyValuePair<string, string>> tags)
    {
        if (name is not ("eventhub.partition_position" or "eventhub.partition_lag"))
        {
            return;
        }

        string? source = null, partition = null;
        foreach (var (key, text) in tags)
        {
            source = key == "source" ? text : source;
            partition = key == "partition" ? text : partition;
        }

        if (source is null || partition is null)
        {
            return;
        }

        lock (_sync)
        {
            var key = (source, partition);
            if (!_partitions.TryGetValue(key, out var track))
            {
                track = new PartitionTrack { MovedAt = _time.GetUtcNow() };
                _partitions[key] = track;
            }

            if (name == "eventhub.partition_lag")
            {
                track.Lag = (long)value;
            }
            else if (track.Position != (long)value)
            {
                track.Position = (long)value;
                track.MovedAt = _time.GetUtcNow();
            }
        }
    }

    public HealthReport Report()
    {
        lock (_sync)
        {
            var now = _time.GetUtcNow();
            var components = new List<ComponentHealth>();
            var live = _running;
            foreach (var (name, track) in _sources.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                components.Add(new ComponentHealth(name, null, SourceState(track, now, out var why), why));
                if (track.InFlightSince is { } since && now - since > StuckAfter)
                {
                    live = false;
                }
            }

            foreach (var ((source, partition), track) in _partitions.OrderBy(p => p.Key.Source, StringComparer.Ordinal).ThenBy(p => p.Key.Partition, StringComparer.Ordinal))
            {
                components.Add(new ComponentHealth(source, partition, PartitionState(track, now, out var why), why));
            }

            var state = components.Count == 0 ? HealthState.Healthy : components.Max(c => c.State);
            return new HealthReport(state, live, live && state != HealthState.Failed, components);
        }
    }

    private HealthState SourceState(SourceTrack track, DateTimeOffset now, out string why)
    {
        if (!track.Seen)
        {
            why = "no pull finished yet";
            return HealthState.Healthy;
        }

        if (track.Failures == 0)
        {
            why = "last pull succeeded";
            return HealthState.Healthy;
        }

        why = $"{track.Failures} failed pulls in a row: {track.LastError}";
        if (track.Failures >= _thresholds.FailuresBeforeFailed && now - track.FailingSince!.Value >= _thresholds.FailedAfter)
        {
            return HealthState.Failed;
        }

        return track.Failures >= _thresholds.FailuresBeforeDegraded ? HealthState.Degraded : HealthState.Healthy;
    }

    private HealthState PartitionState(PartitionTrack track, DateTimeOffset now, out string why)
    {
        var still = now - track.MovedAt;
        if (track.Lag <= 0 || still < _thresholds.StalledAfter)
        {
            why = track.Lag <= 0 ? "caught up" : $"{track.Lag} events waiting, moving";
            return HealthState.Healthy;
        }

        why = $"{track.Lag} events waiting and the position has not moved for {still.TotalMinutes:0} min";
        return still >= _thresholds.StalledFailedAfter ? HealthState.Failed : HealthState.Degraded;
    }

    private SourceTrack Source(string name)
    {
        if (!_sources.TryGetValue(name, out var track))
        {
            track = new SourceTrack();
            _sources[name] = track;
        }

        return track;
    }

    private sealed class SourceTrack
    {
        public bool Seen { get; set; }

        public int Failures { get; set; }

        public DateTimeOffset? FailingSince { get; set; }

        public DateTimeOffset? InFlightSince { get; set; }

        public string? LastError { get; set; }
    }

    private sealed class PartitionTrack
    {
        public long Position { get; set; } = long.MinValue;

        public long Lag { get; set; }

        public DateTimeOffset MovedAt { get; set; }
    }
}
