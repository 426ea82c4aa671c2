using Azure.Core;
using Azure.Core.Pipeline;

namespace DefenderConnector.Checkpoints.Blob;

/// <summary>Counts every request sent to Azure Storage (retries included), for the cost report: storage requests per 1,000 events.</summary>
internal sealed class StorageRequestCounter : HttpPipelineSynchronousPolicy
{
    private long _requests;

    public long Requests => Interlocked.Read(ref _requests);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _requests);
}
