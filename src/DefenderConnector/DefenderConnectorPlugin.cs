using DefenderConnector.Abstractions;
using DefenderConnector.Configuration;
using DefenderConnector.Encoders;
using DefenderConnector.Mapping;
using DefenderConnector.Replay;

namespace DefenderConnector;

/// <summary>The plugin's entry type, named in <c>connector-manifest/manifest.json</c>.</summary>
public sealed class DefenderConnectorPlugin : IConnectorPlugin, IReplayablePlugin, IOperablePlugin
{
    // The host validates, then creates from the same settings: they are read (and checked) once.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<ConnectorSettings, SettingsRead> _read = [];

    /// <summary>How many times this plugin read a settings document (each document once, however often validated).</summary>
    internal int SettingsReads { get; private set; }

    /// <inheritdoc />
    public SettingsValidation Validate(ConnectorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Read(settings).Validation;
    }

    /// <inheritdoc />
    public IConnector Create(ConnectorSettings settings, ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(context);
        var (options, validation) = Read(settings);
        if (!validation.IsValid)
        {
            throw new ConnectorSettingsException(validation);
        }

        return DefenderConnectorInstance.Create(options!, context);
    }

    /// <inheritdoc />
    public IConnectorState OpenState(ConnectorSettings settings, ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(context);
        var (options, validation) = Read(settings);
        if (!validation.IsValid)
        {
            throw new ConnectorSettingsException(validation);
        }

        // The store the pulls use: with the Blob store, status and dead-letters read the shared container, not the local file.
        var state = options!.CheckpointStore.Kind == Checkpoints.CheckpointStoreKind.Blob
            ? Checkpoints.CheckpointStore.OpenBlob(options.CheckpointStore, context.TimeProvider, context.LoggerFactory).State
            : DefenderConnectorInstance.OpenState(options, context.TimeProvider);
        var transport = options.EventHub is { } hub ? () => (Sources.EventHub.IEventHubTransport)new Sources.EventHub.SdkEventHubTransport(hub) : (Func<Sources.EventHub.IEventHubTransport>?)null;
        return new Operations.ConnectorState(options, context, state, transport);
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

    private SettingsRead Read(ConnectorSettings settings) =>
        _read.GetValue(settings, s =>
        {
            SettingsReads++;
            var (options, validation) = SettingsReader.Read(s);
            return new SettingsRead(options, validation);
        });

    private sealed record SettingsRead(ConnectorOptions? Options, SettingsValidation Validation);
}
