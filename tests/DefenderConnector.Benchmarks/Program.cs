using BenchmarkDotNet.Running;
using DefenderConnector.Benchmarks.EndToEnd;

namespace DefenderConnector.Benchmarks;

internal static class Program
{
    /// <summary>
    /// <c>e2e [--records N] [--runs N]</c> runs the end-to-end harness (emulator process → connector → file sink);
    /// <c>e2e --instances N --store sqlite|blob [--partitions P] [--checkpoint-interval 10s]</c> runs N pull processes on one hub sharing a checkpoint store (<see cref="EndToEnd.ScaleOutHarness"/>);
    /// <c>e2e-peers [--records N] [--runs N] [--format ocsf|cef|ecs|ecs-bare, or several: ocsf,cef] [--host-dir D] [--sides ours-cold,ours-warm,javascript,python] [--prefetch N|default] [--pull-env DOTNET_X=1]</c> runs our full job beside
    /// Microsoft's JavaScript and Python clients as parse-only readers of the same emulator and backlog (<see cref="EndToEnd.PeerHarness"/>);
    /// <c>storage-export [--records N] [--runs N]</c> pulls an Azure Storage export from Azurite (<see cref="StorageExport.StorageExportHarness"/>);
    /// <c>loop [--family F] [--seconds N]</c> runs the mapping operations in a plain loop (<see cref="MappingLoop"/>);
    /// anything else goes to BenchmarkDotNet (<c>--filter '*'</c>).
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "e2e")
        {
            return await EndToEndHarness.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "e2e-peers")
        {
            return await PeerHarness.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == PullChild.Mode)
        {
            return await PullChild.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "storage-export")
        {
            return await StorageExport.StorageExportHarness.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "loop")
        {
            return MappingLoop.Run(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
