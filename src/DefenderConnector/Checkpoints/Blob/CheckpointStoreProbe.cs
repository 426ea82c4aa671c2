using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using DefenderConnector.Abstractions;

namespace DefenderConnector.Checkpoints.Blob;

/// <summary>
/// The checkpoint-store hop of test-connectivity: the container is reachable with the configured
/// credentials, and an ownership claim can be written, renewed with its ETag and removed, as load
/// balancing does (on a probe blob of this instance's own, so no checkpoint or real claim moves).
/// </summary>
internal static class CheckpointStoreProbe
{
    public const string HopName = "checkpoint-store";

    public static async Task<ConnectivityReport> AppendAsync(ConnectivityReport report, BlobContainerClient container, string ownerId, string describe, CancellationToken cancellationToken)
    {
        var (hop, diagnosis) = await ProbeAsync(container, ownerId, cancellationToken).ConfigureAwait(false);
        var facts = report.Facts.Append(new("checkpoint store", describe)).ToArray();
        return hop.Verdict == HopVerdict.Failed
            ? new ConnectivityReport(report.Source, "CheckpointStoreFailed", diagnosis!, [.. report.Hops, hop], facts)
            : report with { Hops = [.. report.Hops, hop], Facts = facts };
    }

    private static async Task<(ConnectivityHop Hop, string? Diagnosis)> ProbeAsync(BlobContainerClient container, string ownerId, CancellationToken cancellationToken)
    {
        try
        {
            await container.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (BlobFailures.IsStorageFailure(e))
        {
            var failure = BlobFailures.Explain($"reaching container '{container.Name}'", container.Name, e);
            return (new ConnectivityHop(HopName, HopVerdict.Failed, failure.Message), failure.Message);
        }

        var probe = container.GetBlobClient($"defender-connector/probes/{ownerId}");
        try
        {
            using var empty = new MemoryStream([]);
            var metadata = new Dictionary<string, string> { [BlobNames.OwnerIdKey] = ownerId };
            var created = await probe.UploadAsync(empty, new BlobUploadOptions { Metadata = metadata, Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken).ConfigureAwait(false);
            await probe.SetMetadataAsync(metadata, new BlobRequestConditions { IfMatch = created.Value.ETag }, cancellationToken).ConfigureAwait(false);
            await probe.DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (BlobFailures.IsStorageFailure(e))
        {
            var failure = BlobFailures.Explain("writing an ownership claim", container.Name, e);
            return (new ConnectivityHop(HopName, HopVerdict.Failed, $"container '{container.Name}' is reachable, but claims are not writable: {failure.Message}"), failure.Message);
        }

        return (new ConnectivityHop(HopName, HopVerdict.Passed, $"container '{container.Name}' is reachable; an ownership claim was written, renewed with its ETag and removed"), null);
    }
}
