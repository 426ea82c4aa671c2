using System.CommandLine;
using DefenderConnector.Host.Operations;

namespace DefenderConnector.Host.Commands;

/// <summary><c>dead-letters list | show | export | redrive</c>: what could not be turned into events, and delivering it after a fix.</summary>
internal static class DeadLettersCommand
{
    public static Command Create() => new("dead-letters", "Inspect, export and re-drive the messages and records that could not be turned into events (the state database's dead letters).")
    {
        List(),
        Show(),
        Export(),
        Redrive(),
    };

    private static Command List()
    {
        var (config, plugin) = (CommonOptions.Config(), CommonOptions.Plugin());
        var all = new Option<bool>("--all") { Description = "Also those already delivered by a re-drive." };
        var command = new Command("list", "List the open dead letters (id, time, partition, sequence number, record, reason, size).") { config, plugin, all };
        command.SetAction((result, ct) => WithState(result, config, plugin, false, async session =>
        {
            DeadLetterReport.WriteList(Console.Out, await session.State.ListDeadLettersAsync(result.GetValue(all), ct).ConfigureAwait(false));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Show()
    {
        var (config, plugin) = (CommonOptions.Config(), CommonOptions.Plugin());
        var id = new Argument<long>("id") { Description = "The dead letter's id (see list)." };
        var hex = new Option<bool>("--hex") { Description = "Show the raw bytes in hex instead of as text." };
        var command = new Command("show", "Show one dead letter with its raw bytes (as UTF-8 text, or --hex).") { id, config, plugin, hex };
        command.SetAction((result, ct) => WithState(result, config, plugin, false, async session =>
        {
            var wanted = result.GetValue(id);
            var letter = (await session.State.ListDeadLettersAsync(true, ct).ConfigureAwait(false)).FirstOrDefault(l => l.Id == wanted);
            if (letter is null)
            {
                await Console.Error.WriteLineAsync($"No dead letter has id {wanted}; dead-letters list shows the ids.").ConfigureAwait(false);
                return ExitCodes.InvalidSettings;
            }

            DeadLetterReport.WriteOne(Console.Out, letter, result.GetValue(hex));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Export()
    {
        var (config, plugin) = (CommonOptions.Config(), CommonOptions.Plugin());
        var to = new Option<FileInfo?>("--to") { Description = "Write to this file (JSON lines) instead of standard output." };
        var all = new Option<bool>("--all") { Description = "Also those already delivered by a re-drive." };
        var command = new Command("export", "Export dead letters as JSON lines, raw bytes in base64 (and as text when they are valid UTF-8).") { config, plugin, to, all };
        command.SetAction((result, ct) => WithState(result, config, plugin, false, async session =>
        {
            var letters = await session.State.ListDeadLettersAsync(result.GetValue(all), ct).ConfigureAwait(false);
            var file = result.GetValue(to);
            using var stream = file is null ? Console.OpenStandardOutput() : File.Create(file.FullName);
            DeadLetterReport.WriteExport(stream, letters);
            if (file is not null)
            {
                Console.WriteLine($"{letters.Count} dead letters written to {file.FullName}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Redrive()
    {
        var (config, plugin) = (CommonOptions.Config(), CommonOptions.Plugin());
        var ids = new Option<long[]>("--id") { Description = "A dead letter to re-drive (repeat for several).", AllowMultipleArgumentsPerToken = true };
        var all = new Option<bool>("--all") { Description = "Every open dead letter." };
        var command = new Command("redrive", "Map dead letters again (after a fix) and deliver what now maps through the configured output; each delivered one is marked done. Exit 0 when all were delivered, 7 when some still fail.") { config, plugin, ids, all };
        command.SetAction((result, ct) => WithState(result, config, plugin, true, async session =>
        {
            var wanted = result.GetValue(ids) ?? [];
            if (result.GetValue(all))
            {
                wanted = [.. (await session.State.ListDeadLettersAsync(false, ct).ConfigureAwait(false)).Select(l => l.Id)];
            }
            else if (wanted.Length == 0)
            {
                await Console.Error.WriteLineAsync("Name the dead letters to re-drive with --id (see dead-letters list), or --all.").ConfigureAwait(false);
                return ExitCodes.InvalidSettings;
            }

            var summary = await session.State.RedriveAsync(wanted, ct).ConfigureAwait(false);
            DeadLetterReport.WriteRedrive(Console.Out, summary);
            ConsoleReports.WriteOutput(Console.Out, session.Output);
            return summary.StillFailing.Count > 0 ? ExitCodes.SomeDeadLetters : ExitCodes.Success;
        }));
        return command;
    }

    private static Task<int> WithState(ParseResult result, Option<FileInfo> config, Option<DirectoryInfo?> plugin, bool withOutput, Func<StateSession, Task<int>> body) =>
        CommandRunner.GuardAsync(async () =>
        {
            var settings = CommandRunner.ReadSettings(result.GetRequiredValue(config));
            using var loggerFactory = Logging.Create(false);
            var session = StateSession.Open(result.GetValue(plugin)?.FullName, settings, withOutput, loggerFactory, TimeProvider.System);
            await using (session.ConfigureAwait(false))
            {
                return await body(session).ConfigureAwait(false);
            }
        });
}
