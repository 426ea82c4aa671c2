using DefenderConnector.Checkpoints;

namespace DefenderConnector.Pulling;

/// <summary>Where a stream starts this pull: a position to commit first (or none), and whether there is anything to read.</summary>
internal readonly record struct StreamStart(StateCommit? Commit, bool Read)
{
    public static StreamStart Reading => new(null, true);

    public static StreamStart Nothing => new(null, false);
}
