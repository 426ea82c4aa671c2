using System.Collections.Concurrent;
using DefenderConnector.Abstractions;

namespace DefenderConnector.IntegrationTests.EventHub;

/// <summary>
/// A hand-written host sink: keeps a copy of every event it stored, can be told to refuse writes, and
/// can hold a write until the test releases it (to inject a fault while a pull is mid-way).
/// Thread-safe: partitions write concurrently.
/// </summary>
internal sealed class CollectingSink : IEventSink
{
    private readonly ConcurrentQueue<byte[]> _events = new();
    private readonly Lock _gate = new();
    private int _failWrites;
    private long _count;
    private long _holdAfter = long.MaxValue;
    private TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyCollection<byte[]> Events => _events;

    public long Count => Interlocked.Read(ref _count);

    public int Batches { get; private set; }

    /// <summary>While true every write throws (a SIEM that is down).</summary>
    public bool FailWrites
    {
        get => Volatile.Read(ref _failWrites) != 0;
        set => Volatile.Write(ref _failWrites, value ? 1 : 0);
    }

    /// <summary>Runs inside a write (after the batch was stored), e.g. to inject a fault from the test.</summary>
    public Func<long, Task>? OnStored { get; set; }

    /// <summary>Every write once the total reached <paramref name="events"/> waits for <see cref="Release"/>; returns a task completed when the first write is held.</summary>
    public Task HoldAfter(long events)
    {
        lock (_gate)
        {
            _holdAfter = events;
            _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _held.Task;
        }
    }

    public void Release() => _release.TrySetResult();

    public async ValueTask WriteAsync(EventBatch batch, CancellationToken cancellationToken)
    {
        if (FailWrites)
        {
            throw new IOException("The SIEM refused the batch (test sink told to fail).");
        }

        foreach (var item in batch.Events)
        {
            _events.Enqueue(item.ToArray());
        }

        var total = Interlocked.Add(ref _count, batch.Events.Count);
        Task? wait = null;
        lock (_gate)
        {
            Batches++;
            if (total >= _holdAfter && !_release.Task.IsCompleted)
            {
                _held.TrySetResult();
                wait = _release.Task;
            }
        }

        if (wait is not null)
        {
            await wait.WaitAsync(TestTimeouts.Long, cancellationToken);
        }

        if (OnStored is { } callback)
        {
            await callback(total);
        }
    }

    public void Clear()
    {
        _events.Clear();
        Interlocked.Exchange(ref _count, 0);
    }
}
