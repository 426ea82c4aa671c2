using Azure.Storage.Blobs;
using DefenderConnector.Abstractions;
using DefenderConnector.Balancing;
using DefenderConnector.Checkpoints.Blob;
using Microsoft.Extensions.Logging;

namespace DefenderConnector.Checkpoints;

/// <summary>
/// The configured store and what it offers: the state (<see cref="IStateStore"/>) every source commits
/// to, and, when it is shared (the Blob store), partition ownership for load balancing, this instance's
/// owner id and the count of storage requests. The SQLite store has no ownership: one instance reads
/// every partition.
/// </summary>
internal sealed class CheckpointStore
{
    private readonly BlobContainerClient? _container;

    public CheckpointStore(IStateStore state, CheckpointStoreOptions options, IOwnershipStore? ownership = null, StorageRequestCounter? counter = null, string? ownerId = null, BlobContainerClient? container = null)
    {
        _container = container;
        State = state;
        Options = options;
        Ownership = ownership;
        Counter = counter;
        OwnerId = ownerId ?? Guid.NewGuid().ToString();
    }

    public IStateStore State { get; }

    public CheckpointStoreOptions Options { get; }

    /// <summary>Null for a store of one instance (SQLite).</summary>
    public IOwnershipStore? Ownership { get; }

    /// <summary>Requests sent to Azure Storage so far; null for SQLite.</summary>
    public StorageRequestCounter? Counter { get; }

    /// <summary>This instance's id in ownership records (a GUID, as Microsoft's processors use).</summary>
    public string OwnerId { get; }

    /// <summary>Opens the Blob store (no request is sent until the first pull).</summary>
    public static CheckpointStore OpenBlob(CheckpointStoreOptions options, TimeProvider time, ILoggerFactory loggerFactory)
    {
        var counter = new StorageRequestCounter();
        var container = BlobContainerFactory.Create(options.Blob!, counter);
        var store = new CheckpointStore(new BlobStateStore(container, options.CheckpointInterval, time), options, new BlobOwnershipStore(container), counter, container: container);
        BalancingLog.Identity(loggerFactory.CreateLogger("DefenderConnector.CheckpointStore"), options.Blob!.Describe(), store.OwnerId);
        return store;
    }

    /// <summary>Keeps a pull's summary in the shared container (the Blob store only; best effort).</summary>
    public async Task RecordPullAsync(PullSummary summary, ILogger logger, CancellationToken cancellationToken)
    {
        if (_container is null)
        {
            return;
        }

        try
        {
            await new PullHistory(_container, OwnerId).RecordAsync(summary, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Failures.IsRecoverable(e) || e is OperationCanceledException)
        {
            BalancingLog.HistoryNotWritten(logger, summary.Source, e.Message.ReplaceLineEndings(" "));
        }
    }

    /// <summary>Adds the checkpoint-store hop to a source's connectivity report (the Blob store only).</summary>
    public async Task<ConnectivityReport> ProbeAsync(ConnectivityReport report, CancellationToken cancellationToken) =>
        _container is null ? report : await CheckpointStoreProbe.AppendAsync(report, _container, OwnerId, Options.Blob!.Describe(), cancellationToken).ConfigureAwait(false);

    /// <summary>A balancer for one stream's partitions; null when the store is not shared.</summary>
    public PartitionBalancer? CreateBalancer(string stream, TimeProvider time, ILogger logger) =>
        Ownership is null ? null : new PartitionBalancer(Ownership, stream, OwnerId, Options.LoadBalancing, time, logger);
}
