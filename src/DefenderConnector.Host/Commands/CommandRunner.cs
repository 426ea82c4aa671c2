using DefenderConnector.Abstractions;
using DefenderConnector.Host.Plugins;

namespace DefenderConnector.Host.Commands;

/// <summary>Turns the failures every command shares into exit codes and plain messages.</summary>
internal static class CommandRunner
{
    public static async Task<int> GuardAsync(Func<Task<int>> body)
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
