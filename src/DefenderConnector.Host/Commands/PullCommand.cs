using System.CommandLine;

namespace DefenderConnector.Host.Commands;

/// <summary><c>pull</c>: one pass over each configured source, then a summary.</summary>
internal static class PullCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var plugin = CommonOptions.Plugin();
        var source = CommonOptions.Source();
        var output = CommonOptions.Output();
        var verbose = CommonOptions.Verbose();
        var command = new Command("pull", "Pull each configured source once (up to the tail seen at the start, or the pull limits), deliver events to the configured output, print a summary. Exit 0 on success, 4 when a pull failed.")
        {
            config,
            plugin,
            source,
            output,
            verbose,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.GuardAsync(async () =>
        {
            var settings = CommandRunner.ReadSettings(result.GetRequiredValue(config));
            using var loggerFactory = Logging.Create(result.GetValue(verbose));
            var runtime = ConnectorRuntime.Start(result.GetValue(plugin)?.FullName, settings, result.GetValue(output)?.FullName, loggerFactory, TimeProvider.System);
            await using (runtime.ConfigureAwait(false))
            {
                var failed = false;
                foreach (var name in TestConnectivityCommand.Selected(runtime, result.GetValue(source)))
                {
                    var summary = await runtime.Connector.PullAsync(name, cancellationToken).ConfigureAwait(false);
                    ConsoleReports.WriteSummary(Console.Out, summary);
                    failed |= summary.StopReason == "Failed";
                }

                ConsoleReports.WriteOutput(Console.Out, runtime.Output);
                return failed ? ExitCodes.PullFailed : ExitCodes.Success;
            }
        }, result.GetValue(verbose)));
        return command;
    }
}
