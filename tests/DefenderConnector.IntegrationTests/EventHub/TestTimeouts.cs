namespace DefenderConnector.IntegrationTests.EventHub;

/// <summary>Generous limits for a loaded two-core machine: they fail a hung test, they never pace one.</summary>
internal static class TestTimeouts
{
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(120);

    public static CancellationToken Token() => new CancellationTokenSource(TimeSpan.FromSeconds(180)).Token;
}
