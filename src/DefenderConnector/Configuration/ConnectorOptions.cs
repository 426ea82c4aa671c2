using DefenderConnector.Sources.EventHub;
using DefenderConnector.Sources.Graph;

namespace DefenderConnector.Configuration;

/// <summary>All validated settings. Immutable once built.</summary>
internal sealed record ConnectorOptions
{
    public EventHubSourceOptions? EventHub { get; init; }

    public GraphSourceOptions? Graph { get; init; }

    /// <summary>Several hubs, across namespaces, read as one source (<c>eventHubs</c>): each with its name and settings.</summary>
    public IReadOnlyList<KeyValuePair<string, EventHubSourceOptions>> EventHubs { get; init; } = [];

    /// <summary>The Streaming API's export to Azure Storage (<c>storage</c>).</summary>
    public Sources.Storage.StorageSourceOptions? Storage { get; init; }

    /// <summary>A service provider's customers (<c>tenants</c>), each with its own sources; empty without tenants.</summary>
    public IReadOnlyList<Tenants.TenantOptions> Tenants { get; init; } = [];

    public OutputFormat OutputFormat { get; init; } = OutputFormat.Ocsf;

    /// <summary>Where the host's file sink writes (the host reads <c>output.path</c> itself); kept for reports.</summary>
    public string? OutputPath { get; init; }

    /// <summary>The SQLite state database (checkpoints, cursors, dead letters).</summary>
    public required string StatePath { get; init; }

    /// <summary>Where state lives (<c>checkpointStore</c>): the SQLite database at <see cref="StatePath"/> (default) or a shared Blob container.</summary>
    public Checkpoints.CheckpointStoreOptions CheckpointStore { get; init; } = new();

    /// <summary><c>state.onMissing</c> is <c>restart</c>: a lost database (see <c>StateMarker</c>) starts again from the initial positions instead of stopping.</summary>
    public bool RestartWhenStateMissing { get; init; }

    /// <summary>The default of <c>output.maxBatchEvents</c>.</summary>
    public const int DefaultMaxBatchEvents = 5000;

    /// <summary>Events per sink batch at most (<c>output.maxBatchEvents</c>): the pull engine flushes a batch that reaches it.</summary>
    public int MaxBatchEvents { get; init; } = DefaultMaxBatchEvents;

    /// <summary>ECS output only: keep the whole OCSF event in <c>ocsf.original</c> (<c>output.ecsOriginal</c>).</summary>
    public bool EcsOriginal { get; init; } = true;
}
