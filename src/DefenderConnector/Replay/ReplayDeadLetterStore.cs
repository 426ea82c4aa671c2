using DefenderConnector.Abstractions;
using DefenderConnector.Checkpoints;

namespace DefenderConnector.Replay;

/// <summary>
/// The state store of a replay: no positions are stored or read (a file is replayed whole, every time); the dead
/// letters the engine commits are kept, by input line, for the replay summary.
/// </summary>
internal sealed class ReplayDeadLetterStore : IStateStore
{
    private readonly Func<DeadLetter, long> _lineOf;
    private readonly List<ReplayDeadLetter> _deadLetters = [];

    /// <param name="lineOf">The input line a dead letter came from (<see cref="ReplayFileReader.LineOf"/>).</param>
    public ReplayDeadLetterStore(Func<DeadLetter, long> lineOf) => _lineOf = lineOf;

    /// <summary>The dead letters in input order (by line, then record index).</summary>
    public IReadOnlyList<ReplayDeadLetter> DeadLetters => [.. _deadLetters.OrderBy(d => d.Line).ThenBy(d => d.RecordIndex ?? -1)];

    public ValueTask<Checkpoint?> GetCheckpointAsync(string stream, string partition, CancellationToken cancellationToken) => ValueTask.FromResult<Checkpoint?>(null);

    public ValueTask<string?> GetCursorAsync(string key, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);

    public ValueTask CommitAsync(StateCommit commit, CancellationToken cancellationToken)
    {
        foreach (var letter in commit.DeadLetters)
        {
            _deadLetters.Add(new ReplayDeadLetter(_lineOf(letter), letter.RecordIndex, letter.Reason, letter.Detail));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyDictionary<string, long>> CountDeadLettersAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyDictionary<string, long>>(_deadLetters.GroupBy(d => d.Reason, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
