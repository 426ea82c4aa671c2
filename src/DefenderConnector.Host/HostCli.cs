using System.CommandLine;
using DefenderConnector.Host.Commands;

namespace DefenderConnector.Host;

/// <summary>The <c>defender-connector</c> command line.</summary>
internal static class HostCli
{
    public static RootCommand Build() => new("DefenderConnector reference host: loads the Defender XDR connector plugin through its manifest and runs it.")
    {
        ValidateConfigCommand.Create(),
        TestConnectivityCommand.Create(),
        PullCommand.Create(),
        RunCommand.Create(),
        DemoCommand.Create(),
        EmulatorCommand.Create(),
        ReplayCommand.Create(),
        StatusCommand.Create(),
        DeadLettersCommand.Create(),
    };

    /// <summary>
    /// How long Ctrl+C or SIGTERM waits for a command to stop on its own before the process is ended: long
    /// enough for a batch in flight to be written and committed (or abandoned uncommitted), and shorter
    /// than a service manager's own stop timeout (systemd's default is 90 s).
    /// </summary>
    public static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(60);

    public static int Run(string[] args) =>
        Build().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = StopGracePeriod }).GetAwaiter().GetResult();
}
