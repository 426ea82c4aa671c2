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
    };

    public static int Run(string[] args) => Build().Parse(args).InvokeAsync().GetAwaiter().GetResult();
}
