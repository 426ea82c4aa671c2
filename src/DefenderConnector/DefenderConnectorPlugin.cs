using DefenderConnector.Abstractions;
using DefenderConnector.Configuration;
using DefenderConnector.Encoders;
using DefenderConnector.Mapping;
using DefenderConnector.Replay;

namespace DefenderConnector;

/// <summary>The plugin's entry type, named in <c>connector-manifest/manifest.json</c>.</summary>
public sealed class DefenderConnectorPlugin : IConnectorPlugin, IReplayablePlugin
{
    /// <inheritdoc />
    public SettingsValidation Validate(ConnectorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return SettingsReader.Read(settings).Validation;
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

    /// <inheritdoc />
    public Task<ReplaySummary> ReplayAsync(Stream input, Stream output, string format, string inputName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(inputName);
        if (!EventEncoders.TryParse(format, out var outputFormat))
        {
            throw new ArgumentException($"'{format}' is not an output format; use ocsf, cef or ecs.", nameof(format));
        }

        var engine = new ReplayEngine(new OcsfMapper(), EventEncoders.For(outputFormat), inputName);
        return engine.RunAsync(input, output, cancellationToken);
    }
}
