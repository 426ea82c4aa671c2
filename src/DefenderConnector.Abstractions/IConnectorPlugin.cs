namespace DefenderConnector.Abstractions;

/// <summary>
/// The entry point a host creates from the type named in <c>manifest.json</c>.
/// It must have a public parameterless constructor.
/// </summary>
public interface IConnectorPlugin
{
    /// <summary>Checks settings without touching the network; every problem is returned at once.</summary>
    SettingsValidation Validate(ConnectorSettings settings);

    /// <summary>Creates a configured connector. Throws <see cref="ConnectorSettingsException"/> when settings are invalid.</summary>
    IConnector Create(ConnectorSettings settings, ConnectorContext context);
}
