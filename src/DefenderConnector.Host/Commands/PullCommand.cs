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
        var quiet = new Option<bool>("--no-progress") { Description = "No progress lines on standard error (by default: a live line in a terminal, a plain line every 10 s otherwise)." };
        var command = new Command("pull", "Pull each configured source once (up to the tail seen at the start, or the pull limits), deliver events to the configured output, print a summary. Exit 0 on success, 4 when a pull failed.")
        {
            config,
            plugin,
            source,
            output,
            verbose,
            quiet,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.GuardAsync(async () =>
        {
            var settings = CommandRunner.ReadSettings(result.GetRequiredValue(config));
            using var loggerFactory = Logging.Create(result.GetValue(verbose));
            using var metrics = new Telemetry.HostMetrics();
            var runtime = ConnectorRuntime.Start(result.GetValue(plugin)?.FullName, settings, result.GetValue(output)?.FullName, loggerFactory, TimeProvider.System, metrics);
            await using (runtime.ConfigureAwait(false))
            {
                using var export = Telemetry.TelemetryExport.Start(Telemetry.TelemetrySettingsReader.Read(settings).Options ?? Telemetry.TelemetryOptions.Off);
                var progress = new Telemetry.PullProgress(Console.Error, !Console.IsErrorRedirected, TimeProvider.System, enabled: !result.GetValue(quiet));
                await using var stopProgress = progress.ConfigureAwait(false);
                metrics.AddObserver(progress);

                // Every selected source at once, as `run` pulls them: a slow or throttled tenant delays no other.
                var names = TestConnectivityCommand.Selected(runtime, result.GetValue(source)).ToList();
                var summaries = await Task.WhenAll(names.Select(name => runtime.Connector.PullAsync(name, cancellationToken))).ConfigureAwait(false);
                var failed = false;
                foreach (var summary in summaries)
                {
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
