namespace DefenderConnector.Checkpoints;

/// <summary>What one delivered batch moves forward, written in one transaction.</summary>
internal sealed record StateCommit(
    IReadOnlyList<Checkpoint> Checkpoints,
    IReadOnlyList<KeyValuePair<string, string>> Cursors,
    IReadOnlyList<DeadLetter> DeadLetters)
{
    /// <summary>The checkpoints replace the stored ones even when they move backwards (a position found invalid and reset).</summary>
    public bool Rewind { get; init; }

    public static StateCommit For(Checkpoint checkpoint, IReadOnlyList<DeadLetter> deadLetters) => new([checkpoint], [], deadLetters);
}
