using Amqp.Framing;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>
/// The in-memory event log of one partition: sequence numbers from 0, offsets are the cumulative byte
/// position of each body. Appends are safe while receivers read; listeners are told after each append.
/// </summary>
internal sealed class PartitionLog(string partitionId)
{
    readonly List<StoredEvent> events = new();
    readonly object gate = new();
    long nextOffset;
    Action[] listeners = [];

    public string PartitionId { get; } = partitionId;

    public int Count
    {
        get { lock (this.gate) { return this.events.Count; } }
    }

    public long Append(byte[] body, string? partitionKey, DateTimeOffset enqueuedTime,
        ApplicationProperties? applicationProperties = null, Properties? properties = null)
    {
        long sequenceNumber;
        lock (this.gate)
        {
            sequenceNumber = this.events.Count;
            this.events.Add(new StoredEvent(sequenceNumber, this.nextOffset, enqueuedTime.ToUniversalTime(),
                partitionKey, body, applicationProperties, properties));
            this.nextOffset += Math.Max(1, body.Length);
        }

        foreach (var listener in Volatile.Read(ref this.listeners))
        {
            listener();
        }

        return sequenceNumber;
    }

    /// <summary>Copies up to <paramref name="max"/> events from <paramref name="index"/> into <paramref name="into"/>.</summary>
    public int Read(int index, int max, List<StoredEvent> into)
    {
        lock (this.gate)
        {
            int count = Math.Min(max, this.events.Count - index);
            for (int i = 0; i < count; i++)
            {
                into.Add(this.events[index + i]);
            }

            return Math.Max(0, count);
        }
    }

    /// <summary>Index of the first event whose offset is after (or at, when inclusive) <paramref name="offset"/>.</summary>
    public int IndexAfterOffset(long offset, bool inclusive)
    {
        lock (this.gate)
        {
            int low = 0, high = this.events.Count;
            while (low < high)
            {
                int mid = (low + high) >>> 1;
                long value = this.events[mid].Offset;
                if (value > offset || (inclusive && value == offset)) { high = mid; } else { low = mid + 1; }
            }

            return low;
        }
    }

    /// <summary>Index of the first event enqueued after (or at) the time; a scan because callers may publish out of order.</summary>
    public int IndexAfterTime(DateTimeOffset time, bool inclusive)
    {
        lock (this.gate)
        {
            for (int i = 0; i < this.events.Count; i++)
            {
                var value = this.events[i].EnqueuedTime;
                if (value > time || (inclusive && value == time)) { return i; }
            }

            return this.events.Count;
        }
    }

    public PartitionSnapshot Snapshot()
    {
        lock (this.gate)
        {
            if (this.events.Count == 0)
            {
                return new PartitionSnapshot(-1, -1, -1, DateTimeOffset.UnixEpoch, true);
            }

            var last = this.events[^1];
            return new PartitionSnapshot(0, last.SequenceNumber, last.Offset, last.EnqueuedTime, false);
        }
    }

    public void Subscribe(Action listener)
    {
        lock (this.gate) { this.listeners = [.. this.listeners, listener]; }
    }

    public void Unsubscribe(Action listener)
    {
        lock (this.gate) { this.listeners = this.listeners.Where(l => l != listener).ToArray(); }
    }
}
