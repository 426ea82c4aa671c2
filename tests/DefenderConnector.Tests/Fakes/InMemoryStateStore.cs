using DefenderConnector.Checkpoints;

namespace DefenderConnector.Tests.Fakes;

/// <summary>A state store in memory that keeps every commit in order (and can log it beside the sink's writes).</summary>
internal sealed class InMemoryStateStore(List<string>? log = null) : IStateStore
{
    private readonly Dictionary<(string, string), Checkpoint> _checkpoints = [];
    private readonly Dictionary<string, string> _cursors = [];
    private readonly List<DeadLetter> _deadLetters = [];

    public List<StateCommit> Commits { get; } = [];

    public IReadOnlyList<DeadLetter> DeadLetters => _deadLetters;

    public ValueTask<Checkpoint?> GetCheckpointAsync(string stream, string partition, CancellationToken cancellationToken)
    {
        lock (Commits)
        {
            return ValueTask.FromResult(_checkpoints.GetValueOrDefault((stream, partition)));
        }
    }

    public ValueTask<string?> GetCursorAsync(string key, CancellationToken cancellationToken)
    {
        lock (Commits)
        {
            return ValueTask.FromResult(_cursors.GetValueOrDefault(key));
        }
    }

    public ValueTask CommitAsync(StateCommit commit, CancellationToken cancellationToken)
    {
        lock (Commits)
        {
            Commits.Add(commit);
            foreach (var checkpoint in commit.Checkpoints)
            {
                _checkpoints[(checkpoint.Stream, checkpoint.Partition)] = checkpoint;
                log?.Add($"commit {checkpoint.SequenceNumber}");
            }

            foreach (var (key, value) in commit.Cursors)
            {
                _cursors[key] = value;
            }

            _deadLetters.AddRange(commit.DeadLetters);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyDictionary<string, long>> CountDeadLettersAsync(CancellationToken cancellationToken)
    {
        lock (Commits)
        {
            IReadOnlyDictionary<string, long> counts = _deadLetters.GroupBy(d => d.Reason).ToDictionary(g => g.Key, g => (long)g.Count());
            return ValueTask.FromResult(counts);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
