namespace DefenderConnector.Host;

internal static class Program
{
    public static int Main(string[] args) => HostCli.Run(args);
}
