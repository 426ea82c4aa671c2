using System.CommandLine;

namespace DefenderConnector.Host.Commands;

/// <summary><c>run</c>: pulls each source on its schedule until Ctrl+C or SIGTERM.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var plugin = CommonOptions.Plugin();
        var output = CommonOptions.Output();
        var verbose = CommonOptions.Verbose();
        var command = new Command("run", "Pull every configured source on its schedule (eventHub.pullInterval, default 5 minutes; 0 = continuous) until Ctrl+C or SIGTERM. Pulls of one source never overlap.")
        {
            config,
            plugin,
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
                foreach (var source in runtime.Connector.Sources)
                {
                    Console.WriteLine($"Scheduling {source.Name} every {(source.PullInterval == TimeSpan.Zero ? "moment (continuous)" : source.PullInterval.ToString())}: {source.DisplayName}");
                }

                Console.WriteLine($"Events go to the {runtime.Output.Kind} output {runtime.Output.Destination}. Press Ctrl+C to stop.");
                var sync = new object();
                long pulls = 0, events = 0, deadLetters = 0, failed = 0;
                await Scheduling.PullScheduler.RunAsync(
                    runtime.Connector,
                    runtime.Connector.Sources,
                    summary =>
                    {
                        lock (sync)
                        {
                            ConsoleReports.WriteSummary(Console.Out, summary);
                            pulls++;
                            events += summary.EventsDelivered;
                            deadLetters += summary.DeadLettered;
                            failed += summary.StopReason == "Failed" ? 1 : 0;
                        }
                    },
                    cancellationToken).ConfigureAwait(false);
                lock (sync)
                {
                    Console.WriteLine($"Stopped after {pulls} pulls ({failed} failed): {events} events written to {runtime.Sink.Path}, {deadLetters} dead letters.");
                }

                return ExitCodes.Success;
            }
        }, result.GetValue(verbose)));
        return command;
    }
}
