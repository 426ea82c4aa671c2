using System.CommandLine;
using DefenderConnector.Host.Outputs;
using DefenderConnector.Host.Plugins;

namespace DefenderConnector.Host.Commands;

/// <summary><c>validate-config</c>: checks a settings file without touching the network.</summary>
internal static class ValidateConfigCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var plugin = CommonOptions.Plugin();
        var command = new Command("validate-config", "Check a settings file: every problem is listed, each naming its setting. Exit 0 when valid, 2 when not.")
        {
            config,
            plugin,
        };
        command.SetAction((result, _) => CommandRunner.GuardAsync(async () =>
        {
            var settings = CommandRunner.ReadSettings(result.GetRequiredValue(config));
            var loaded = PluginLoader.Load(result.GetValue(plugin)?.FullName);
            var validation = ConnectorRuntime.Validate(loaded, settings, null, out OutputPlan? _);
            if (!validation.IsValid)
            {
                await Console.Error.WriteLineAsync(validation.ToString()).ConfigureAwait(false);
                return ExitCodes.InvalidSettings;
            }

            Console.WriteLine($"Settings are valid ({loaded.Manifest.Name} {loaded.Manifest.Version}).");
            return ExitCodes.Success;
        }));
        return command;
    }
}
