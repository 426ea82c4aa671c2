namespace DefenderConnector.Abstractions;

/// <summary>
/// Optional capability of a plugin: open its stored state for operators (status per source and partition,
/// dead letters, re-drive) without pulling. A host checks for it with a type test on the plugin instance.
/// </summary>
public interface IOperablePlugin
{
    /// <summary>
    /// Opens the state the settings name. <paramref name="context"/>'s sink receives re-driven events.
    /// Throws <see cref="ConnectorSettingsException"/> when the settings are invalid or the state cannot be opened.
    /// </summary>
    IConnectorState OpenState(ConnectorSettings settings, ConnectorContext context);
}
