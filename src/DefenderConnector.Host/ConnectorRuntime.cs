using DefenderConnector.Abstractions;
using DefenderConnector.Host.Outputs;
using DefenderConnector.Host.Plugins;
using DefenderConnector.Host.Sinks;
using Microsoft.Extensions.Logging;

namespace DefenderConnector.Host;

/// <summary>A loaded plugin, its settings, the host's output and the created connector, disposed together.</summary>
internal sealed class ConnectorRuntime : IAsyncDisposable
{
    private ConnectorRuntime(LoadedPlugin plugin, IOutput output, IConnector connector)
    {
        Plugin = plugin;
        Output = output;
        Connector = connector;
    }

    public LoadedPlugin Plugin { get; }

    /// <summary>Where events go (<c>output.type</c>): the file, syslog or RELP.</summary>
    public IOutput Output { get; }

    /// <summary>The file output's sink, for commands that read the file back (the demo); throws for other outputs.</summary>
    public FileEventSink Sink => (Output as FileOutput)?.Sink ?? throw new InvalidOperationException($"The {Output.Kind} output has no events file.");

    public IConnector Connector { get; }

    /// <summary>Loads, validates plugin and output settings together, and creates; throws <see cref="ConnectorSettingsException"/> or <see cref="PluginLoadException"/>.</summary>
    public static ConnectorRuntime Start(string? pluginDirectory, ConnectorSettings settings, string? outputOverride, ILoggerFactory loggerFactory, TimeProvider time, IConnectorMetrics? metrics = null)
    {
        var plugin = PluginLoader.Load(pluginDirectory);
        var validation = Validate(plugin, settings, outputOverride, out var plan);
        if (!validation.IsValid)
        {
            throw new ConnectorSettingsException(validation);
        }

        var output = plan!.Kind == OutputKind.File
            ? new FileOutput(OpenSink(() => plan.FilePath, plan.FileCacheBytes, outputOverride is null ? "output.path" : "--output"))
            : OutputFactory.Create(plan, loggerFactory, time);
        try
        {
            IEventSink sink = metrics is null ? output : new Telemetry.MeteredSink(output, output.Kind, metrics);
            var connector = plugin.Plugin.Create(settings, new ConnectorContext(sink, loggerFactory, time, metrics));
            return new ConnectorRuntime(plugin, output, connector);
        }
        catch
        {
            output.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    /// <summary>The plugin's problems and the host's output problems, in one list.</summary>
    public static SettingsValidation Validate(LoadedPlugin plugin, ConnectorSettings settings, string? outputOverride, out OutputPlan? plan)
    {
        var problems = new List<SettingsProblem>(plugin.Plugin.Validate(settings).Problems);
        var (outputPlan, outputProblems) = OutputSettingsReader.Read(settings, outputOverride);
        problems.AddRange(outputProblems.Where(p => !problems.Any(q => q.Setting == p.Setting)));
        problems.AddRange(Telemetry.TelemetrySettingsReader.Read(settings).Problems);
        plan = outputPlan;
        return new SettingsValidation(problems);
    }

    /// <summary>Opens the events file; a path that cannot be one (a folder, no permission, a NUL in it) is a settings problem naming the setting.</summary>
    private static FileEventSink OpenSink(Func<string> where, long cacheBytes, string setting)
    {
        try
        {
            var path = where();
            if (Directory.Exists(path))
            {
                throw new IOException($"{path} is a folder; give the path of a file.");
            }

            return new FileEventSink(path, cacheBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ConnectorSettingsException(new SettingsValidation([new SettingsProblem(setting, $"the events file cannot be opened for writing: {e.Message.ReplaceLineEndings(" ")}")]));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Connector.DisposeAsync().ConfigureAwait(false);
        await Output.DisposeAsync().ConfigureAwait(false);
    }
}
