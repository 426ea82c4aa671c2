using DefenderConnector.Abstractions;
using DefenderConnector.Mapping;

namespace DefenderConnector.Replay;

/// <summary>Counts what a replay wrote and rejected, and turns it into the public summary.</summary>
internal sealed class ReplayTally
{
    private readonly Dictionary<int, long> _byClass = [];
    private readonly Dictionary<string, long> _byTable = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _unknownTables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _undocumented = new(StringComparer.Ordinal);
    private readonly List<ReplayDeadLetter> _deadLetters = [];
    private long _events;

    public void Written(in MapResult result)
    {
        _events++;
        _byClass[result.ClassUid] = _byClass.GetValueOrDefault(result.ClassUid) + 1;
        _byTable[result.Table] = _byTable.GetValueOrDefault(result.Table) + 1;
        if (result.Status == MapStatus.Unknown)
        {
            _unknownTables[result.Table] = _unknownTables.GetValueOrDefault(result.Table) + 1;
        }

        if (result.UndocumentedActionType is { } action)
        {
            var key = $"{result.Table}/{action}";
            _undocumented[key] = _undocumented.GetValueOrDefault(key) + 1;
        }
    }

    public void Dead(long line, int? recordIndex, string reason, string detail) =>
        _deadLetters.Add(new ReplayDeadLetter(line, recordIndex, reason, detail));

    public ReplaySummary ToSummary(string? problem) => new()
    {
        InputUnreadable = problem is not null,
        InputProblem = problem,
        EventsWritten = _events,
        EventsByClass = new Dictionary<int, long>(_byClass),
        EventsByTable = new Dictionary<string, long>(_byTable, StringComparer.Ordinal),
        UnknownTables = new Dictionary<string, long>(_unknownTables, StringComparer.Ordinal),
        UndocumentedActionTypes = new Dictionary<string, long>(_undocumented, StringComparer.Ordinal),
        DeadLetters = [.. _deadLetters],
    };
}
