using DefenderConnector.Abstractions;
using DefenderConnector.Configuration;
using DefenderConnector.Encoders;

namespace DefenderConnector;

/// <summary>The plugin's entry type, named in <c>connector-manifest/manifest.json</c>.</summary>
public sealed class DefenderConnectorPlugin : IConnectorPlugin
{
    /// <inheritdoc />
    public SettingsValidation Validate(ConnectorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var (options, validation) = SettingsReader.Read(settings);
        if (options is not null && !EventEncoders.Supported.Contains(options.OutputFormat))
        {
            return new SettingsValidation([new SettingsProblem("output.format", $"{options.OutputFormat.ToString().ToLowerInvariant()} is not available in this build.")]);
        }

        return validation;
    }

    /// <inheritdoc />
    public IConnector Create(ConnectorSettings settings, ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(context);
        var validation = Validate(settings);
        if (!validation.IsValid)
        {
            throw new ConnectorSettingsException(validation);
        }

        var (options, _) = SettingsReader.Read(settings);
        return DefenderConnectorInstance.Create(options!, context);
    }
}
