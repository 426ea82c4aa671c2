using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using DefenderConnector.Balancing;

namespace DefenderConnector.Checkpoints.Blob;

/// <summary>
/// Ownership blobs as the .NET Event Hubs processor writes them: an empty blob per partition whose
/// <c>ownerid</c> metadata names the owner. A claim with no known version uploads with
/// <c>If-None-Match: *</c> (someone else created it first: not claimed); with a version it sets the
/// metadata with <c>If-Match</c> (412: someone wrote since: not claimed). The blob's ETag and
/// Last-Modified are the ownership's version and time (the ETag is kept as Storage sent it).
/// </summary>
internal sealed class BlobOwnershipStore(BlobContainerClient container) : IOwnershipStore
{
    public async Task<IReadOnlyList<PartitionOwnership>> ListOwnershipAsync(string stream, CancellationToken cancellationToken)
    {
        try
        {
            return await ListAsync(stream, cancellationToken).ConfigureAwait(false);
        }
        catch (Pulling.ConnectorException e) when (e.InnerException is RequestFailedException { ErrorCode: "ContainerNotFound" })
        {
            // The first instance creates the container, as filebeat does; without the right to create it, say so.
            try
            {
                await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException)
            {
                throw e;
            }

            return await ListAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<PartitionOwnership>> ListAsync(string stream, CancellationToken cancellationToken)
    {
        var prefix = BlobNames.OwnershipPrefix(stream);
        var list = new List<PartitionOwnership>();
        try
        {
            await foreach (var blob in container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix, cancellationToken).ConfigureAwait(false))
            {
                blob.Metadata.TryGetValue(BlobNames.OwnerIdKey, out var owner);
                list.Add(new PartitionOwnership(blob.Name[prefix.Length..], owner ?? string.Empty, blob.Properties.LastModified ?? DateTimeOffset.MinValue, Version(blob.Properties.ETag)));
            }
        }
        catch (Exception e) when (BlobFailures.IsStorageFailure(e))
        {
            throw BlobFailures.Explain("listing partition ownership", container.Name, e);
        }

        return list;
    }

    public async Task<IReadOnlyList<PartitionOwnership>> ClaimOwnershipAsync(string stream, IReadOnlyList<PartitionOwnership> claims, CancellationToken cancellationToken)
    {
        var won = new List<PartitionOwnership>();
        foreach (var claim in claims)
        {
            var blob = container.GetBlobClient(BlobNames.Ownership(stream, claim.PartitionId));
            var metadata = new Dictionary<string, string> { [BlobNames.OwnerIdKey] = claim.OwnerId };
            try
            {
                if (claim.ETag is null)
                {
                    using var empty = new MemoryStream([]);
                    var created = await blob.UploadAsync(empty, new BlobUploadOptions { Metadata = metadata, Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken).ConfigureAwait(false);
                    won.Add(claim with { ETag = Version(created.Value.ETag), LastModified = created.Value.LastModified });
                }
                else
                {
                    var set = await blob.SetMetadataAsync(metadata, new BlobRequestConditions { IfMatch = new ETag(claim.ETag) }, cancellationToken).ConfigureAwait(false);
                    won.Add(claim with { ETag = Version(set.Value.ETag), LastModified = set.Value.LastModified });
                }
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
            {
                // BlobAlreadyExists, ConditionNotMet, or gone since listed: another instance got there first.
            }
            catch (Exception e) when (BlobFailures.IsStorageFailure(e))
            {
                throw BlobFailures.Explain($"claiming partition {claim.PartitionId}", container.Name, e);
            }
        }

        return won;
    }

    private static string? Version(ETag? etag) => etag?.ToString();
}
