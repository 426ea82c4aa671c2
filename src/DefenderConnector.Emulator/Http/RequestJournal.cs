namespace DefenderConnector.Emulator.Http;

/// <summary>What the stand-in was asked, for assertions: route, decoded query, answered status.</summary>
public sealed class RequestJournal
{
    private readonly object _gate = new();
    private readonly List<JournalEntry> _entries = [];

    public IReadOnlyList<JournalEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return _entries.ToArray();
            }
        }
    }

    public int Count(EmulatedRoute route, int? status = null) => Entries.Count(e => e.Route == route && (status is null || e.Status == status));

    internal void Add(JournalEntry entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
        }
    }
}
