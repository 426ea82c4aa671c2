using DefenderConnector.Abstractions;
using DefenderConnector.Host.Plugins;
using DefenderConnector.Host.Sinks;
using Microsoft.Extensions.Logging;

namespace DefenderConnector.Host;

/// <summary>A loaded plugin, its settings, the host's file sink and the created connector, disposed together.</summary>
internal sealed class ConnectorRuntime : IAsyncDisposable
{
    private ConnectorRuntime(LoadedPlugin plugin, FileEventSink sink, IConnector connector)
    {
        Plugin = plugin;
        Sink = sink;
        Connector = connector;
    }

    public LoadedPlugin Plugin { get; }

    public FileEventSink Sink { get; }

    public IConnector Connector { get; }

    /// <summary>Loads, validates and creates; throws <see cref="ConnectorSettingsException"/> or <see cref="PluginLoadException"/>.</summary>
    public static ConnectorRuntime Start(string? pluginDirectory, ConnectorSettings settings, string? outputOverride, ILoggerFactory loggerFactory, TimeProvider time)
    {
        var plugin = PluginLoader.Load(pluginDirectory);
        var validation = plugin.Plugin.Validate(settings);
        if (!validation.IsValid)
        {
            throw new ConnectorSettingsException(validation);
        }

        var sink = OpenSink(() => outputOverride ?? HostSettings.OutputPath(settings.Json, settings.BaseDirectory), outputOverride is null ? "output.path" : "--output");
        try
        {
            var connector = plugin.Plugin.Create(settings, new ConnectorContext(sink, loggerFactory, time));
            return new ConnectorRuntime(plugin, sink, connector);
        }
        catch
        {
            sink.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    /// <summary>Opens the events file; a path that cannot be one (a folder, no permission, a NUL in it) is a settings problem naming the setting.</summary>
    private static FileEventSink OpenSink(Func<string> where, string setting)
    {
        try
        {
            var path = where();
            if (Directory.Exists(path))
            {
                throw new IOException($"{path} is a folder; give the path of a file.");
            }

            return new FileEventSink(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ConnectorSettingsException(new SettingsValidation([new SettingsProblem(setting, $"the events file cannot be opened for writing: {e.Message.ReplaceLineEndings(" ")}")]));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Connector.DisposeAsync().ConfigureAwait(false);
        await Sink.DisposeAsync().ConfigureAwait(false);
    }
}
