using System.Collections.Concurrent;

namespace DefenderConnector.Pulling;

/// <summary>Thread-safe counters of one pull, shared by every partition's pipeline.</summary>
internal sealed class PullStatistics
{
    private readonly ConcurrentDictionary<string, long> _byTable = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _deadByReason = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _undocumented = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, long> _byClass = new();
    private readonly ConcurrentDictionary<string, long> _unknownTables = new(StringComparer.Ordinal);
    private long _messages;
    private long _events;
    private long _bytes;
    private long _dead;

    public long MessagesRead => Interlocked.Read(ref _messages);

    public long EventsDelivered => Interlocked.Read(ref _events);

    public long BytesDelivered => Interlocked.Read(ref _bytes);

    public long DeadLettered => Interlocked.Read(ref _dead);

    public IReadOnlyDictionary<string, long> EventsByTable => new SortedDictionary<string, long>(_byTable, StringComparer.Ordinal);

    /// <summary>Events delivered per OCSF class uid (0: the Base Event).</summary>
    public IReadOnlyDictionary<int, long> EventsByClass => new SortedDictionary<int, long>(_byClass);

    /// <summary>Events of tables the mapper does not know (delivered as Base Events), per table.</summary>
    public IReadOnlyDictionary<string, long> UnknownTables => new SortedDictionary<string, long>(_unknownTables, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> DeadLettersByReason => new SortedDictionary<string, long>(_deadByReason, StringComparer.Ordinal);

    /// <summary>Events delivered as Base Events because their ActionType is undocumented, per <c>Table/ActionType</c>.</summary>
    public IReadOnlyDictionary<string, long> UndocumentedActionTypes => new SortedDictionary<string, long>(_undocumented, StringComparer.Ordinal);

    public void AddUndocumented(IReadOnlyDictionary<string, long> byName)
    {
        foreach (var (name, count) in byName)
        {
            _undocumented.AddOrUpdate(name, count, (_, c) => c + count);
        }
    }

    public void AddUnknownTables(IReadOnlyDictionary<string, long> byTable)
    {
        foreach (var (table, count) in byTable)
        {
            _unknownTables.AddOrUpdate(table, count, (_, c) => c + count);
        }
    }

    public void AddMessages(long count) => Interlocked.Add(ref _messages, count);

    public void AddDelivered(IReadOnlyDictionary<string, long> byTable, IReadOnlyDictionary<int, long> byClass, long events, long bytes)
    {
        foreach (var (classUid, count) in byClass)
        {
            _byClass.AddOrUpdate(classUid, count, (_, c) => c + count);
        }

        Interlocked.Add(ref _events, events);
        Interlocked.Add(ref _bytes, bytes);
        foreach (var (table, count) in byTable)
        {
            _byTable.AddOrUpdate(table, count, (_, c) => c + count);
        }
    }

    public void AddDeadLetter(string reason)
    {
        Interlocked.Increment(ref _dead);
        _deadByReason.AddOrUpdate(reason, 1, (_, c) => c + 1);
    }
}
