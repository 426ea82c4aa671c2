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

        var sink = new FileEventSink(outputOverride ?? HostSettings.OutputPath(settings.Json, settings.BaseDirectory));
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

    public async ValueTask DisposeAsync()
    {
        await Connector.DisposeAsync().ConfigureAwait(false);
        await Sink.DisposeAsync().ConfigureAwait(false);
    }
}
