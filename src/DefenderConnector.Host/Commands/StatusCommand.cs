using System.CommandLine;
using DefenderConnector.Host.Operations;

namespace DefenderConnector.Host.Commands;

/// <summary><c>status</c>: per source and partition, the checkpoint, the tail, the lag, the last pull and the open dead letters.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var plugin = CommonOptions.Plugin();
        var json = new Option<bool>("--json") { Description = "One JSON document for scripts instead of the table." };
        var offline = new Option<bool>("--offline") { Description = "Do not ask Event Hubs for the partitions' tails (no lag then)." };
        var command = new Command("status", "Show, per source and partition, the committed checkpoint, the tail (asked of Event Hubs, when reachable), the lag, the last pull's outcome and the open dead letters. Reads the state database; moves nothing.")
        {
            config,
            plugin,
            json,
            offline,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.GuardAsync(async () =>
        {
            var settings = CommandRunner.ReadSettings(result.GetRequiredValue(config));
            using var loggerFactory = Logging.Create(false);
            var session = StateSession.Open(result.GetValue(plugin)?.FullName, settings, withOutput: false, loggerFactory, TimeProvider.System);
            await using (session.ConfigureAwait(false))
            {
                var rows = await session.State.GetStatusAsync(!result.GetValue(offline), cancellationToken).ConfigureAwait(false);
                if (result.GetValue(json))
                {
                    using var stdout = Console.OpenStandardOutput();
                    StatusReport.WriteJson(stdout, rows);
                }
                else
                {
                    StatusReport.WriteText(Console.Out, rows);
                }

                return ExitCodes.Success;
            }
        }));
        return command;
    }
}
