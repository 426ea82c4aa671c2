using DefenderConnector.Abstractions;
using DefenderConnector.Host.Outputs;
using DefenderConnector.Host.Plugins;
using DefenderConnector.Host.Sinks;
using Microsoft.Extensions.Logging;

namespace DefenderConnector.Host.Operations;

/// <summary>
/// The plugin's stored state opened for <c>status</c> and <c>dead-letters</c>, with the configured output only when
/// events are to be delivered (a re-drive); the settings are validated as for <c>pull</c>.
/// </summary>
internal sealed class StateSession : IAsyncDisposable
{
    private readonly IOutput? _output;

    private StateSession(IConnectorState state, IOutput? output)
    {
        State = state;
        _output = output;
    }

    public IConnectorState State { get; }

    /// <summary>The output re-driven events go to; throws when the session was opened without one.</summary>
    public IOutput Output => _output ?? throw new InvalidOperationException("This session delivers nothing.");

    public static StateSession Open(string? pluginDirectory, ConnectorSettings settings, bool withOutput, ILoggerFactory loggerFactory, TimeProvider time)
    {
        var plugin = PluginLoader.Load(pluginDirectory);
        var validation = ConnectorRuntime.Validate(plugin, settings, null, out var plan);
        if (!validation.IsValid)
        {
            throw new ConnectorSettingsException(validation);
        }

        if (plugin.Plugin is not IOperablePlugin operable)
        {
            throw new PluginLoadException("the plugin does not offer its state to operators (IOperablePlugin); status and dead-letters need it.");
        }

        IOutput? output = withOutput
            ? plan!.Kind == OutputKind.File ? new FileOutput(new FileEventSink(plan.FilePath, plan.FileCacheBytes)) : OutputFactory.Create(plan, loggerFactory, time)
            : null;
        try
        {
            var state = operable.OpenState(settings, new ConnectorContext((IEventSink?)output ?? new RefusingSink(), loggerFactory, time));
            return new StateSession(state, output);
        }
        catch
        {
            output?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await State.DisposeAsync().ConfigureAwait(false);
        if (_output is not null)
        {
            await _output.DisposeAsync().ConfigureAwait(false);
        }
    }
}
