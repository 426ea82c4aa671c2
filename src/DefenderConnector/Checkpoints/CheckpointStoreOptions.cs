using DefenderConnector.Balancing;
using DefenderConnector.Checkpoints.Blob;

namespace DefenderConnector.Checkpoints;

/// <summary>The <c>checkpointStore</c> settings after validation.</summary>
internal sealed record CheckpointStoreOptions
{
    public CheckpointStoreKind Kind { get; init; } = CheckpointStoreKind.Sqlite;

    /// <summary>The container and how to sign in to it; set when <see cref="Kind"/> is <see cref="CheckpointStoreKind.Blob"/>.</summary>
    public BlobStoreOptions? Blob { get; init; }

    public LoadBalancingOptions LoadBalancing { get; init; } = new();

    /// <summary>Write a partition's checkpoint at most this often (zero: after every delivered batch).</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.Zero;
}
