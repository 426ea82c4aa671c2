using System.CommandLine;
using DefenderConnector.Abstractions;
using DefenderConnector.Host.Plugins;

namespace DefenderConnector.Host.Commands;

/// <summary><c>replay</c>: maps a file of Defender data offline, as the connector would have mapped it live.</summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var input = new Option<FileInfo>("--input", "-i")
        {
            Description = "Event Hub message bodies ({\"records\":[...]}), single records (Azure Storage export rows), Graph pages or objects, or legacy API responses; one per line or one whole document.",
            Required = true,
        };
        var format = new Option<string>("--format", "-f") { Description = "ocsf, cef or ecs.", DefaultValueFactory = _ => "ocsf" };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write events here (default: standard output; the summary always goes to standard error)." };
        var plugin = CommonOptions.Plugin();
        var command = new Command("replay", "Map a file offline to OCSF, CEF or ECS, one event per line, with a summary on standard error: events per class and table, unknown tables, dead letters by line. Exit 0 when every item mapped, 7 when some went to dead letters, 6 when the input could not be read at all.")
        {
            input, format, output, plugin,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.GuardAsync(async () =>
        {
            var file = result.GetRequiredValue(input);
            if (!file.Exists)
            {
                await Console.Error.WriteLineAsync($"The input file {file.FullName} does not exist.").ConfigureAwait(false);
                return ExitCodes.InputUnreadable;
            }

            var loaded = PluginLoader.Load(result.GetValue(plugin)?.FullName);
            if (loaded.Plugin is not IReplayablePlugin replayable)
            {
                await Console.Error.WriteLineAsync($"{loaded.Manifest.Name} {loaded.Manifest.Version} cannot replay files.").ConfigureAwait(false);
                return ExitCodes.UnexpectedError;
            }

            ReplaySummary summary;
            var outputFile = result.GetValue(output);
            await using (var source = file.OpenRead())
            await using (var target = outputFile is null ? Console.OpenStandardOutput() : outputFile.Create())
            {
                try
                {
                    summary = await replayable.ReplayAsync(source, target, result.GetRequiredValue(format), file.Name, cancellationToken).ConfigureAwait(false);
                }
                catch (ArgumentException e) when (e.ParamName == "format")
                {
                    await Console.Error.WriteLineAsync($"--format: {e.Message}").ConfigureAwait(false);
                    return ExitCodes.InvalidSettings;
                }
            }

            WriteSummary(Console.Error, summary, outputFile?.FullName);
            return summary.InputUnreadable ? ExitCodes.InputUnreadable : summary.DeadLetters.Count > 0 ? ExitCodes.SomeDeadLetters : ExitCodes.Success;
        }));
        return command;
    }

    private static void WriteSummary(TextWriter error, ReplaySummary summary, string? outputPath)
    {
        if (summary.InputUnreadable)
        {
            error.WriteLine($"The input could not be read: {summary.InputProblem}");
            return;
        }

        error.WriteLine($"Replayed {summary.EventsWritten} events{(outputPath is null ? string.Empty : " to " + outputPath)}, {summary.DeadLetters.Count} dead letters.");
        foreach (var (classUid, count) in summary.EventsByClass.OrderBy(p => p.Key))
        {
            error.WriteLine($"  class {classUid,-6} {count,10}");
        }

        foreach (var (table, count) in summary.EventsByTable.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            error.WriteLine($"  {table,-32} {count,10}{(summary.UnknownTables.ContainsKey(table) ? "  (unknown table: Base Event)" : string.Empty)}");
        }

        foreach (var (name, count) in summary.UndocumentedActionTypes.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            error.WriteLine($"  undocumented ActionType {name,-40} {count,10}  (Base Event: please report it)");
        }

        foreach (var letter in summary.DeadLetters)
        {
            error.WriteLine($"  dead letter, line {letter.Line}{(letter.RecordIndex is { } i ? $" record {i}" : string.Empty)}: {letter.Reason}: {letter.Detail}");
        }
    }
}
