using System.Text;
using DefenderConnector.Abstractions;

namespace DefenderConnector.Tests.Fakes;

/// <summary>Keeps every event it is given; can be told to fail the next writes.</summary>
internal sealed class CollectingSink : IEventSink
{
    private readonly object _sync = new();
    private readonly List<string> _events = [];
    private int _failuresToInject;

    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_sync)
            {
                return _events.ToArray();
            }
        }
    }

    public int Batches { get; private set; }

    /// <summary>The most events one write held.</summary>
    public int LargestBatch { get; private set; }

    public void FailNext(int writes) => Interlocked.Exchange(ref _failuresToInject, writes);

    public ValueTask WriteAsync(EventBatch batch, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref _failuresToInject) >= 0)
        {
            throw new IOException("The sink is unavailable (injected).");
        }

        Interlocked.Exchange(ref _failuresToInject, 0);
        lock (_sync)
        {
            Batches++;
            LargestBatch = Math.Max(LargestBatch, batch.Events.Count);
            foreach (var item in batch.Events)
            {
                _events.Add(Encoding.UTF8.GetString(item.Span));
            }
        }

        return ValueTask.CompletedTask;
    }
}
