using System.Collections.Concurrent;
using System.Globalization;

namespace DefenderConnector.Sources.Filtering;

/// <summary>
/// The records one pull dropped by table filter, per table; shared by the streams of the pull (thread-safe).
/// Counted when the batch that skipped them is committed, so a retried read does not count them twice.
/// </summary>
internal sealed class FilteredRecords
{
    private readonly ConcurrentDictionary<string, long> _byTable = new(StringComparer.OrdinalIgnoreCase);

    public FilteredRecords(TableFilter filter)
    {
        Filter = filter;
    }

    public TableFilter Filter { get; }

    public long Total => _byTable.Values.Sum();

    public void Add(IReadOnlyDictionary<string, long> byTable)
    {
        foreach (var (table, count) in byTable)
        {
            _byTable.AddOrUpdate(table, count, (_, n) => n + count);
        }
    }

    public IReadOnlyDictionary<string, long> ByTable => _byTable;

    /// <summary>The summary's facts: the filter, and what it dropped per table (when it dropped anything).</summary>
    public IEnumerable<KeyValuePair<string, string>> Facts()
    {
        if (!Filter.Filters)
        {
            yield break;
        }

        yield return new("table filter", Filter.Describe());
        if (!_byTable.IsEmpty)
        {
            var parts = _byTable.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value.ToString(CultureInfo.InvariantCulture)}");
            yield return new("records filtered out", $"{Total.ToString(CultureInfo.InvariantCulture)} ({string.Join(", ", parts)})");
        }
    }
}
