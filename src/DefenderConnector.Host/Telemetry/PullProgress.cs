using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace DefenderConnector.Host.Telemetry;

/// <summary>
/// Progress of a long pull, from the measurements the plugin reports per batch: events and MB delivered, each
/// partition's position against its tail, the rate and the time left. In a terminal one line is redrawn every
/// second; otherwise a plain line is written every <see cref="PlainInterval"/>. Written to standard error, so
/// standard output keeps only the summary.
/// </summary>
internal sealed class PullProgress : IMetricObserver, IAsyncDisposable
{
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(10);

    private readonly TextWriter _output;
    private readonly bool _interactive;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, (long Position, long Tail)> _partitions = new(StringComparer.Ordinal);
    private readonly long _started;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _events;
    private long _bytes;
    private long _messages;
    private bool _drawn;

    public PullProgress(TextWriter output, bool interactive, TimeProvider time, bool enabled = true)
    {
        _output = output;
        _interactive = interactive;
        _time = time;
        _started = time.GetTimestamp();
        _loop = enabled ? RunAsync() : Task.CompletedTask;
    }

    public void Observe(string name, double value, ReadOnlySpan<KeyValuePair<string, string>> tags)
    {
        switch (name)
        {
            case "connector.events_sent":
                Interlocked.Add(ref _events, (long)value);
                break;
            case "connector.bytes_sent":
                Interlocked.Add(ref _bytes, (long)value);
                break;
            case "connector.messages_read":
                Interlocked.Add(ref _messages, (long)value);
                break;
            case "eventhub.partition_position" or "eventhub.partition_tail":
                foreach (var (key, partition) in tags)
                {
                    if (key == "partition")
                    {
                        _partitions.AddOrUpdate(
                            partition,
                            _ => name.EndsWith("tail", StringComparison.Ordinal) ? (-1, (long)value) : ((long)value, -1),
                            (_, old) => name.EndsWith("tail", StringComparison.Ordinal) ? (old.Position, (long)value) : ((long)value, old.Tail));
                    }
                }

                break;
        }
    }

    /// <summary>The progress line as it is now.</summary>
    public string Line()
    {
        var seconds = Math.Max(_time.GetElapsedTime(_started).TotalSeconds, 1e-3);
        var events = Interlocked.Read(ref _events);
        var messages = Interlocked.Read(ref _messages);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{events} events, {Interlocked.Read(ref _bytes) / 1e6:0.0} MB, {events / seconds:0} events/s");
        var remaining = 0L;
        foreach (var (partition, (position, tail)) in _partitions.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $" | p{partition} {Math.Max(position, -1)}/{tail}");
            remaining += Math.Max(0, tail - position);
        }

        if (messages > 0 && remaining > 0)
        {
            var left = TimeSpan.FromSeconds(remaining / (messages / seconds));
            text.Append(CultureInfo.InvariantCulture, $" | {left:hh\\:mm\\:ss} left");
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        if (_interactive && _drawn)
        {
            _output.Write("\r\u001b[2K");
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(_interactive ? TimeSpan.FromSeconds(1) : PlainInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                if (_interactive)
                {
                    // \r and erase-line: the same line is redrawn in place.
                    _output.Write("\r\u001b[2K" + Line());
                    _drawn = true;
                }
                else
                {
                    _output.WriteLine("progress: " + Line());
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The pull ended.
        }
    }
}
