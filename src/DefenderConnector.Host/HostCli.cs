using System.CommandLine;

namespace DefenderConnector.Host;

/// <summary>The <c>defender-connector</c> command line.</summary>
internal static class HostCli
{
    public static int Run(string[] args)
    {
        var root = new RootCommand("DefenderConnector reference host: loads the Defender XDR connector plugin and runs it.");
        return root.Parse(args).Invoke();
    }
}
