namespace DefenderConnector.Replay;

/// <summary>Dead-letter reason codes a replay adds to the pull pipeline's own.</summary>
internal static class ReplayReasons
{
    public const string NotJson = "NotJson";
    public const string NotAnObject = "NotAnObject";
    public const string UnknownShape = "UnknownShape";
}
