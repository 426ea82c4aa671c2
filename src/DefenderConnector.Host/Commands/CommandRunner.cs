using DefenderConnector.Abstractions;
using DefenderConnector.Host.Plugins;

namespace DefenderConnector.Host.Commands;

/// <summary>Turns the failures every command shares into exit codes and plain messages.</summary>
internal static class CommandRunner
{
    /// <summary>
    /// Runs a command body; every failure reaches the user as one line and a documented exit code. The
    /// stack trace of an unexpected error is printed only with <c>--verbose</c> (the debug log).
    /// </summary>
    public static async Task<int> GuardAsync(Func<Task<int>> body, bool verbose = false)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (ConnectorSettingsException e)
        {
            await Console.Error.WriteLineAsync(e.Validation.ToString()).ConfigureAwait(false);
            return ExitCodes.InvalidSettings;
        }
        catch (PluginLoadException e)
        {
            await Console.Error.WriteLineAsync("Plugin: " + e.Message).ConfigureAwait(false);
            return ExitCodes.PluginLoadFailed;
        }
        catch (FileNotFoundException e)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return ExitCodes.InvalidSettings;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("Stopped.").ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync(OneLine("Output: " + e.Message)).ConfigureAwait(false);
            await DebugAsync(e, verbose).ConfigureAwait(false);
            return ExitCodes.InvalidSettings;
        }
        catch (UnauthorizedAccessException e)
        {
            await Console.Error.WriteLineAsync(OneLine("Output: " + e.Message + " Check the permissions of output.path (or --output).")).ConfigureAwait(false);
            await DebugAsync(e, verbose).ConfigureAwait(false);
            return ExitCodes.InvalidSettings;
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync(OneLine($"Unexpected error ({e.GetType().Name}): {e.Message} Run again with --verbose for details.")).ConfigureAwait(false);
            await DebugAsync(e, verbose).ConfigureAwait(false);
            return ExitCodes.UnexpectedError;
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static async Task DebugAsync(Exception e, bool verbose)
    {
        if (verbose)
        {
            await Console.Error.WriteLineAsync("debug: " + e).ConfigureAwait(false);
        }
    }

    public static ConnectorSettings ReadSettings(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new FileNotFoundException($"The settings file {file.FullName} does not exist.");
        }

        return ConnectorSettings.FromFile(file.FullName);
    }
}
