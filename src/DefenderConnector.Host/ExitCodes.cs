namespace DefenderConnector.Host;

/// <summary>The CLI's exit codes (documented in the README).</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int UnexpectedError = 1;
    public const int InvalidSettings = 2;
    public const int ConnectivityFailed = 3;
    public const int PullFailed = 4;
    public const int PluginLoadFailed = 5;
    public const int InputUnreadable = 6;
    public const int SomeDeadLetters = 7;
}
